import { z } from "zod";
import { JsonObjectSchema } from "./primitives.js";

/** Version of the runtime decision protocol spoken by sec0-sdk 0.2.3 and by sec0. */
export const RUNTIME_PROTOCOL_VERSION = "2026-02-01";

/** Path of the remote runtime decision endpoint (`POST`). */
export const RUNTIME_EVALUATE_PATH = "/v1/runtime/evaluate";

/**
 * Layer that asks for a runtime decision. 0.2.3 sends `middleware`, `gateway` or `decorator`;
 * `guard` is sec0's addition for `@sec0/guard`.
 */
export const RuntimeExecutionLayerSchema = z.enum(["middleware", "gateway", "decorator", "guard"]);

/** Layer that asks for a runtime decision. */
export type RuntimeExecutionLayer = z.infer<typeof RuntimeExecutionLayerSchema>;

/** The three outcomes a runtime decision can have (0.2.3 knew only `allow` and `deny`). */
export const RuntimeDecisionActionSchema = z.enum(["allow", "deny", "escalate"]);

/** Outcome of a runtime decision. */
export type RuntimeDecisionAction = z.infer<typeof RuntimeDecisionActionSchema>;

const reasonList = z.array(z.string().trim().min(1).max(200)).max(256);

/**
 * Body of `POST /v1/runtime/evaluate` (0.2.3 `RuntimeDecisionInput`): where the call happens, how
 * to enforce, and what the local checks found. Unknown members are kept for forward compatibility.
 * `enforcement.escalateOn` is sec0's addition (docs/principles.md, principle 1); 0.2.3 clients omit it.
 * `input.faults` is sec0's too: failures of the local evaluation itself (`evaluation_error`,
 * `agent_state_invalid`), which deny in enforce mode whatever `denyOn` lists; 0.2.3 clients omit it
 * and 0.2.3 services ignore it (the caller keeps its own deny).
 *
 * @example
 * RuntimeDecisionRequestSchema.parse({
 *   protocolVersion: "2026-02-01",
 *   context: { integrationSurface: "sec0", executionLayer: "middleware", server: "fs", tool: "write@1.0" },
 *   enforcement: { mode: "enforce", strategy: "deny_on_match", denyOn: ["fs_violation"], forceDeny: false },
 *   input: { reasons: ["fs_violation"], riskTags: [], attributes: {} },
 * });
 */
export const RuntimeDecisionRequestSchema = z.looseObject({
  protocolVersion: z.literal(RUNTIME_PROTOCOL_VERSION),
  requestId: z.string().min(1).max(512).optional(),
  context: z.looseObject({
    integrationSurface: z.literal("sec0"),
    executionLayer: RuntimeExecutionLayerSchema,
    tenant: z.string().min(1).optional(),
    server: z.string().min(1),
    tool: z.string().min(1),
    nodeId: z.string().min(1).optional(),
    runId: z.string().min(1).optional(),
    metadata: JsonObjectSchema.optional(),
  }),
  enforcement: z.looseObject({
    mode: z.enum(["observe", "enforce"]),
    strategy: z.enum(["deny_on_match", "deny_on_any"]),
    denyOn: reasonList,
    escalateOn: reasonList.optional(),
    forceDeny: z.boolean(),
  }),
  input: z.looseObject({
    reasons: reasonList,
    riskTags: reasonList,
    attributes: JsonObjectSchema,
    faults: reasonList.optional(),
  }),
});

/** Body of `POST /v1/runtime/evaluate`. */
export type RuntimeDecisionRequest = z.infer<typeof RuntimeDecisionRequestSchema>;

/**
 * Something the caller must do along with the decision, e.g. `{type: "redact", params: {...}}`.
 *
 * @example
 * RuntimeObligationSchema.parse({ type: "log" });
 */
export const RuntimeObligationSchema = z.looseObject({
  type: z.string().min(1),
  params: JsonObjectSchema.optional(),
});

/** An obligation attached to a runtime decision. */
export type RuntimeObligation = z.infer<typeof RuntimeObligationSchema>;

/**
 * A pointer to evidence behind a decision (an audit record, a trace).
 *
 * @example
 * RuntimeAuditRefSchema.parse({ ref: "audit:42", kind: "audit" });
 */
export const RuntimeAuditRefSchema = z.looseObject({
  ref: z.string().min(1),
  kind: z.string().min(1).optional(),
  href: z.string().min(1).optional(),
});

/** A pointer to evidence behind a decision. */
export type RuntimeAuditRef = z.infer<typeof RuntimeAuditRefSchema>;

/**
 * Success body of `POST /v1/runtime/evaluate`. 0.2.3 clients accept only `allow` and `deny` and
 * apply their failure mode to anything else, so an `escalate` reaches them as a failed call.
 *
 * @example
 * RuntimeDecisionResponseSchema.parse({
 *   protocolVersion: "2026-02-01",
 *   decision: { action: "deny", reason: "fs_violation", reasons: ["fs_violation"], obligations: [], auditRefs: [] },
 * });
 */
export const RuntimeDecisionResponseSchema = z.looseObject({
  protocolVersion: z.literal(RUNTIME_PROTOCOL_VERSION),
  decision: z.looseObject({
    action: RuntimeDecisionActionSchema,
    reason: z.string().min(1).optional(),
    reasons: z.array(z.string()),
    obligations: z.array(RuntimeObligationSchema),
    auditRefs: z.array(RuntimeAuditRefSchema),
  }),
  metadata: z
    .looseObject({
      engineVersion: z.string().optional(),
      processedAt: z.string().optional(),
      latencyMs: z.number().nonnegative().optional(),
    })
    .optional(),
});

/** Success body of `POST /v1/runtime/evaluate`. */
export type RuntimeDecisionResponse = z.infer<typeof RuntimeDecisionResponseSchema>;

/** HTTP statuses the runtime decision service may answer with an error body. */
export const RUNTIME_ERROR_STATUSES = [400, 401, 408, 429, 500] as const;

/**
 * Error body of `POST /v1/runtime/evaluate`: `{error: {code, message, retryable, details?}}`.
 *
 * @example
 * RuntimeDecisionErrorSchema.parse({ error: { code: "BAD_REQUEST", message: "context.server is required", retryable: false } });
 */
export const RuntimeDecisionErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string(),
    retryable: z.boolean(),
    details: z.unknown().optional(),
  }),
});

/** Error body of `POST /v1/runtime/evaluate`. */
export type RuntimeDecisionError = z.infer<typeof RuntimeDecisionErrorSchema>;

/**
 * Where a runtime adapter's decision came from: the local algebra, the remote service, or the
 * configured failure mode after the remote service failed.
 */
export const RuntimeEvaluationSourceSchema = z.enum([
  "local",
  "remote",
  "fallback-local",
  "fallback-allow",
  "fallback-deny",
]);

/** Where a runtime adapter's decision came from. */
export type RuntimeEvaluationSource = z.infer<typeof RuntimeEvaluationSourceSchema>;

/**
 * What a runtime adapter returns to its caller (0.2.3 `RuntimeDecisionOutput`): the decision
 * flattened, with the adapter mode and the evaluation source.
 *
 * @example
 * RuntimeDecisionOutputSchema.parse({
 *   protocolVersion: "2026-02-01", adapterMode: "local", evaluationSource: "local",
 *   decision: "allow", reasons: [], obligations: [], auditRefs: [],
 * });
 */
export const RuntimeDecisionOutputSchema = z.object({
  protocolVersion: z.literal(RUNTIME_PROTOCOL_VERSION),
  adapterMode: z.enum(["local", "remote"]),
  evaluationSource: RuntimeEvaluationSourceSchema,
  decision: RuntimeDecisionActionSchema,
  reason: z.string().min(1).optional(),
  reasons: z.array(z.string()),
  obligations: z.array(RuntimeObligationSchema),
  auditRefs: z.array(RuntimeAuditRefSchema),
});

/** What a runtime adapter returns to its caller. */
export type RuntimeDecisionOutput = z.infer<typeof RuntimeDecisionOutputSchema>;
