import { z } from "zod";
import { AuthContextSchema } from "./auth-context.js";
import {
  IsoDateTimeSchema,
  JsonObjectSchema,
  Sha256HexSchema,
  SpanIdSchema,
  TraceIdSchema,
} from "./primitives.js";

// Audit envelopes as sec0-sdk 0.2.3 writes them, plus sec0's chain fields. Every schema keeps
// unknown members (`looseObject`): a verifier must never drop signed bytes it does not know, and
// 0.2.3 rows carry optional fields this file does not name (ap2_*, scan details).

/**
 * The decision an audit record reports: 0.2.3's `allow`, `deny` and `would_deny` (observe mode
 * saw a violation), and sec0's `escalate` and `redact`.
 */
export const AuditDecisionSchema = z.enum(["allow", "deny", "would_deny", "escalate", "redact"]);

/** The decision an audit record reports. */
export type AuditDecision = z.infer<typeof AuditDecisionSchema>;

/**
 * The `policy` member of an audit envelope.
 *
 * @example
 * AuditPolicySchema.parse({ decision: "allow", retention: "standard" });
 */
export const AuditPolicySchema = z.looseObject({
  decision: AuditDecisionSchema,
  retention: z.string().min(1),
  reason: z.string().optional(),
  duplicate_policy: z.string().optional(),
});

/** The `policy` member of an audit envelope. */
export type AuditPolicy = z.infer<typeof AuditPolicySchema>;

/** A signer's key id: `ed25519:<sha256 hex of the raw public key>`. */
export const AuditKeyIdSchema = z
  .string()
  .regex(/^ed25519:[0-9a-f]{64}$/, "expected a key id ed25519:<64 lower-case hex characters>");

/** The `sig` member of a signed audit line: `ed25519:<base64 signature>`. */
export const AuditSignatureSchema = z
  .string()
  .regex(/^ed25519:[A-Za-z0-9+/]{86}==$/, "expected ed25519:<base64 of a 64-byte signature>");

/**
 * sec0's fields inside the signed body of every record it writes: who signed (`key_id`), the
 * record's position in the directory's chain (`seq`, from 1) and the SHA-256 hex of the previous
 * line (`prev_hash`; 64 zeros before the first line, as `@sec0/audit` writes it), the hash of the
 * policy that decided (`policy_hash`, `null` when no policy could be loaded) and why
 * (`decision_reason`). Required here; optional in the envelope schemas so that 0.2.3 rows parse.
 *
 * @example
 * AuditChainFieldsSchema.parse({ key_id: `ed25519:${"a".repeat(64)}`, seq: 1, prev_hash: "0".repeat(64), policy_hash: null });
 */
export const AuditChainFieldsSchema = z.object({
  key_id: AuditKeyIdSchema,
  seq: z.number().int().positive(),
  prev_hash: Sha256HexSchema,
  policy_hash: Sha256HexSchema.nullable(),
  decision_reason: z.string().optional(),
});

/** sec0's chain fields of an audit record. */
export type AuditChainFields = z.infer<typeof AuditChainFieldsSchema>;

const commonFields = {
  ts: IsoDateTimeSchema,
  trace_id: TraceIdSchema,
  span_id: SpanIdSchema,
  cause_trace_id: z.string().nullish(),
  cause_span_id: z.string().nullish(),
  tenant: z.string().min(1),
  server: z.string().min(1),
  tool: z.string().min(1),
  status: z.enum(["ok", "error"]),
  latency_ms: z.number().nonnegative(),
  retries: z.number().int().nonnegative(),
  input_sha256: Sha256HexSchema.nullable(),
  output_sha256: Sha256HexSchema.nullable(),
  policy: AuditPolicySchema,
  idempotency_key: z.string().nullish(),
  egress_domain: z.string().optional(),
  fs_path: z.string().optional(),
  risk_tags: z.array(z.string()).optional(),
  decision_reason: z.string().optional(),
  escalation_id: z.string().optional(),
  escalation_status: z.string().optional(),
  escalation_error: z.string().optional(),
  nodeId: z.string().optional(),
  agentRef: z.string().optional(),
  agentVariables: JsonObjectSchema.optional(),
  key_id: AuditKeyIdSchema.optional(),
  seq: z.number().int().positive().optional(),
  prev_hash: Sha256HexSchema.optional(),
  policy_hash: Sha256HexSchema.nullable().optional(),
  sig: AuditSignatureSchema.optional(),
};

/**
 * The envelope the middleware writes per tool call (0.2.3 `auditEnvelope.ts`), with sec0's chain
 * fields. `tool_ref` is `"<server> <tool>"` (space-separated, as 0.2.3); `target_tool_ref` is the
 * `mcp://` reference of the called tool. `sig` is present on signed lines.
 *
 * @example
 * MiddlewareAuditEnvelopeSchema.parse(JSON.parse(line));
 */
export const MiddlewareAuditEnvelopeSchema = z.looseObject({
  ...commonFields,
  node_type: z.literal("middleware"),
  env: z.string().optional(),
  client: z.string().optional(),
  clientVersion: z.string().optional(),
  op: z.string().optional(),
  tool_ref: z.string().optional(),
  target_server: z.string().optional(),
  target_tool: z.string().optional(),
  target_tool_ref: z.string().optional(),
  actor: z.string().optional(),
  registry_frozen: z.boolean().optional(),
  server_snapshot: z.unknown().optional(),
  tool_hash_changed: z.boolean().optional(),
  check_level: z.string().optional(),
  check_kind: z.enum(["dynamic", "static"]).optional(),
  auth: AuthContextSchema.optional(),
  agent_guard_raw_key: z.string().optional(),
  agent_guard_findings: z.array(z.unknown()).optional(),
  denial_level: z.string().optional(),
  denial_type: z.string().optional(),
  tests_performed: z.unknown().optional(),
  test_summary: z.unknown().optional(),
  compliance: z.looseObject({}).optional(),
  vuln_refs: z.looseObject({}).optional(),
  previous_tool_version: z.string().optional(),
  new_tool_version: z.string().optional(),
  risk_score: z.number().min(0).max(100).optional(),
});

/** The envelope the middleware writes per tool call. */
export type MiddlewareAuditEnvelope = z.infer<typeof MiddlewareAuditEnvelopeSchema>;

/**
 * The envelope the gateway writes per request (0.2.3 `gateway/middleware/audit.ts`), with sec0's
 * chain fields. `tool` is the `tool@version` of the path; `gateway` is `"<name>@<version>"`;
 * the hashes of input and output are `null` (the gateway does not hash payloads).
 *
 * @example
 * GatewayAuditEnvelopeSchema.parse(JSON.parse(line));
 */
export const GatewayAuditEnvelopeSchema = z.looseObject({
  ...commonFields,
  node_type: z.literal("gateway"),
  gateway: z.string().min(1),
  analytics: JsonObjectSchema.optional(),
});

/** The envelope the gateway writes per request. */
export type GatewayAuditEnvelope = z.infer<typeof GatewayAuditEnvelopeSchema>;
