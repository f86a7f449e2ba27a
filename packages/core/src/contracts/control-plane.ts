import { z } from "zod";
import { Sha256HexSchema } from "./primitives.js";

/** Paths of the control-plane API (`{tenant}` and `{id}` are path parameters). */
export const CONTROL_PLANE_PATHS = {
  discover: "/api/discover",
  validateKey: "/api/auth/validate-key",
  policy: "/api/policy/:tenant",
  uploadUrl: "/api/sec0/upload-url",
  nlEval: "/api/compliance/nl-eval",
  contextualEvaluator: "/api/evaluator/contextual",
  approvalsVerify: "/api/compliance/approvals/verify",
  escalations: "/api/escalations",
  escalation: "/api/escalations/:id",
} as const;

/**
 * Body of `POST /api/discover` and `POST /api/auth/validate-key`. 0.2.3 sends the key both here
 * and in `x-api-key`, so the body member is optional.
 *
 * @example
 * ApiKeyRequestSchema.parse({ apiKey: "sec0_abcdefgh1234" });
 */
export const ApiKeyRequestSchema = z.looseObject({ apiKey: z.string().min(1).max(1024).optional() });

/** Body of the discovery and key-validation calls. */
export type ApiKeyRequest = z.infer<typeof ApiKeyRequestSchema>;

/**
 * Reply of `POST /api/discover`: where the control plane is and what the key resolves to.
 *
 * @example
 * DiscoverResponseSchema.parse({ controlPlaneUrl: "https://cp.example.com", tenant: "acme" });
 */
export const DiscoverResponseSchema = z.looseObject({
  controlPlaneUrl: z.url(),
  tenant: z.string().min(1).optional(),
  env: z.string().min(1).optional(),
  clientName: z.string().min(1).optional(),
  clientVersion: z.string().min(1).optional(),
  cacheTtlSeconds: z.number().int().positive().optional(),
});

/** Reply of `POST /api/discover`. */
export type DiscoverResponse = z.infer<typeof DiscoverResponseSchema>;

/** Environment a key belongs to. */
export const DeploymentEnvSchema = z.enum(["dev", "staging", "prod"]);

/** Environment a key belongs to. */
export type DeploymentEnv = z.infer<typeof DeploymentEnvSchema>;

/**
 * Reply of `POST /api/auth/validate-key`: the key's tenant, environment and client.
 *
 * @example
 * ValidateKeyResponseSchema.parse({ tenant: "acme", env: "prod", clientName: "agent", clientVersion: "1.0.0" });
 */
export const ValidateKeyResponseSchema = z.looseObject({
  tenant: z.string().min(1),
  env: DeploymentEnvSchema,
  clientName: z.string().min(1),
  clientVersion: z.string().min(1),
  userId: z.string().min(1).optional(),
});

/** Reply of `POST /api/auth/validate-key`. */
export type ValidateKeyResponse = z.infer<typeof ValidateKeyResponseSchema>;

/** Which enforcement point a policy is for. */
export const PolicyLevelSchema = z.enum(["gateway", "middleware"]);

/** Which enforcement point a policy is for. */
export type PolicyLevel = z.infer<typeof PolicyLevelSchema>;

/** Content type of policy bodies (`GET`/`PUT /api/policy/{tenant}`); the body is YAML text. */
export const POLICY_CONTENT_TYPE = "text/yaml";

/**
 * Path parameters of `GET|PUT /api/policy/{tenant}`.
 *
 * @example
 * PolicyParamsSchema.parse({ tenant: "acme" });
 */
export const PolicyParamsSchema = z.object({ tenant: z.string().min(1).max(200) });

/** Path parameters of the policy endpoints. */
export type PolicyParams = z.infer<typeof PolicyParamsSchema>;

/**
 * Query of `GET|PUT /api/policy/{tenant}?level=&nodeId=`: the level, and the agent node for a
 * per-agent policy (absent = the base policy). Node ids are in normalised form (`[a-z0-9-]`, ≤ 80).
 *
 * @example
 * PolicyQuerySchema.parse({ level: "middleware", nodeId: "planner" });
 */
export const PolicyQuerySchema = z.object({
  level: PolicyLevelSchema,
  nodeId: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/,
      "nodeId must be normalised: [a-z0-9-], at most 80 characters",
    )
    .optional(),
});

/** Query of the policy endpoints. */
export type PolicyQuery = z.infer<typeof PolicyQuerySchema>;

const ndjsonUpload = {
  key: z.string().min(1).max(1024),
  tenant: z.string().min(1),
  env: z.string().min(1),
  contentType: z.literal("application/x-ndjson"),
  clientName: z.string().min(1),
  clientVersion: z.string().min(1),
};

/**
 * Body of `POST /api/sec0/upload-url`, one of three forms: an audit or agent NDJSON file, a raw
 * payload file (`mode: "raw"` with its `date`), or scan evidence (`mode: "scan"`).
 *
 * @example
 * UploadUrlRequestSchema.parse({ mode: "scan", scanKind: "sast", scanId: "s1", contentType: "application/json" });
 */
export const UploadUrlRequestSchema = z.union([
  z.looseObject({ mode: z.literal("raw"), date: z.iso.date(), ...ndjsonUpload }),
  z.looseObject({
    mode: z.literal("scan"),
    scanKind: z.enum(["sast", "dast", "agent_guard_findings"]),
    scanId: z.string().min(1).max(200),
    contentType: z.literal("application/json"),
  }),
  z.looseObject({ mode: z.undefined().optional(), ...ndjsonUpload }),
]);

/** Body of `POST /api/sec0/upload-url`. */
export type UploadUrlRequest = z.infer<typeof UploadUrlRequestSchema>;

/**
 * Reply of `POST /api/sec0/upload-url`: a presigned URL to `PUT` the bytes to, headers to send with
 * it, and the object key the upload will have.
 *
 * @example
 * UploadUrlResponseSchema.parse({ url: "https://store.example.com/a?sig=1", key: "acme/audit-2026-02-01.ndjson" });
 */
export const UploadUrlResponseSchema = z.looseObject({
  url: z.url(),
  headers: z.record(z.string(), z.string()).optional(),
  key: z.string().min(1).optional(),
});

/** Reply of `POST /api/sec0/upload-url`. */
export type UploadUrlResponse = z.infer<typeof UploadUrlResponseSchema>;

/**
 * Body of `POST /api/compliance/nl-eval`: does `text` break the natural-language rule
 * `instruction`? `threshold` is sent by 0.2.3 only; the judge's provider settings are optional.
 *
 * @example
 * NlEvalRequestSchema.parse({ instruction: "Never promise refunds.", text: "We will refund you." });
 */
export const NlEvalRequestSchema = z.looseObject({
  instruction: z.string().min(1).max(4000),
  text: z.string().max(8000),
  threshold: z.number().min(0).max(100).optional(),
  provider: z.enum(["openai", "anthropic"]).optional(),
  api_key: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
});

/** Body of `POST /api/compliance/nl-eval`. */
export type NlEvalRequest = z.infer<typeof NlEvalRequestSchema>;

/**
 * Reply of `POST /api/compliance/nl-eval`: how strongly the text matches the rule (0–100) and why.
 *
 * @example
 * NlEvalResponseSchema.parse({ score: 82, evidence: "promises a refund" });
 */
export const NlEvalResponseSchema = z.looseObject({
  score: z.number().min(0).max(100),
  evidence: z.string().optional(),
});

/** Reply of `POST /api/compliance/nl-eval`. */
export type NlEvalResponse = z.infer<typeof NlEvalResponseSchema>;

/**
 * Body of `POST /api/compliance/approvals/verify`: is this approval token valid for this call?
 * `call_digest` ({@link computeCallDigest}) is sec0's addition; 0.2.3 clients send only the tool,
 * node and run, so the control plane cannot bind their approvals to the arguments.
 *
 * @example
 * ApprovalVerifyRequestSchema.parse({ token: "apt_123", context: { tool_ref: "mcp://files/write@1.0" } });
 */
export const ApprovalVerifyRequestSchema = z.looseObject({
  token: z.string().min(1).max(4096),
  context: z.looseObject({
    tool_ref: z.string().min(1),
    node_id: z.string().min(1).optional(),
    agent_ref: z.string().min(1).optional(),
    call_digest: Sha256HexSchema.optional(),
  }),
});

/** Body of `POST /api/compliance/approvals/verify`. */
export type ApprovalVerifyRequest = z.infer<typeof ApprovalVerifyRequestSchema>;

/** Why the control plane refused an approval token (sec0's addition to the verify reply). */
export const ApprovalRejectionReasonSchema = z.enum([
  "unknown_token",
  "expired",
  "already_used",
  "call_mismatch",
  "malformed",
]);

/** Why the control plane refused an approval token. */
export type ApprovalRejectionReason = z.infer<typeof ApprovalRejectionReasonSchema>;

/**
 * Reply of `POST /api/compliance/approvals/verify`. A valid token is consumed by this call (one
 * use); `invalid_reason` says why an invalid one was refused.
 *
 * @example
 * ApprovalVerifyResponseSchema.parse({ valid: true, approval: { id: "esc_1", reason: "approved by alice" } });
 */
export const ApprovalVerifyResponseSchema = z.looseObject({
  valid: z.boolean(),
  approval: z.looseObject({ id: z.string().min(1), reason: z.string().optional() }).optional(),
  invalid_reason: ApprovalRejectionReasonSchema.optional(),
});

/** Reply of `POST /api/compliance/approvals/verify`. */
export type ApprovalVerifyResponse = z.infer<typeof ApprovalVerifyResponseSchema>;
