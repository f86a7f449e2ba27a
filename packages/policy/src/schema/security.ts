import { z } from "zod";
import { countSchema, patternListSchema } from "./primitives.js";
import { targetArgumentsSchema } from "./target-arguments.js";

const timeoutActionSchema = z
  .enum(["auto_reject", "reject", "deny", "auto_approve"])
  .superRefine((value, ctx) => {
    if (value === "auto_approve") {
      ctx.addIssue({
        code: "custom",
        message: 'a timeout never approves in sec0 (an unanswered escalation is denied); use "auto_reject"',
      });
    }
  });

const humanEscalationSchema = z.strictObject({
  approval_strategy: z.enum(["auto_allow", "single_approver", "human_quorum"]).optional(),
  timeout_action: timeoutActionSchema.optional(),
  min_approvals: z.number().int().min(1).optional(),
  min_rejections: z.number().int().min(1).optional(),
  required_roles: z.array(z.string()).optional(),
  veto_roles: z.array(z.string()).optional(),
  approval_set_id: z.string().optional(),
});

/**
 * `security.side_effects`: idempotency and human escalation knobs. The camelCase and short
 * aliases of 0.2.3 are accepted; `compilePolicy` resolves them (snake_case name wins).
 */
const securitySideEffectsSchema = z.strictObject({
  require_idempotency_key: z.boolean().optional(),
  approve_high_risk: z.boolean().optional(),
  escalation_ttl_seconds: z.number().int().min(1).optional(),
  ttl_seconds: z.number().int().min(1).optional(),
  escalationTtlSeconds: z.number().int().min(1).optional(),
  escalation_on_timeout: timeoutActionSchema.optional(),
  timeout_action: timeoutActionSchema.optional(),
  escalationOnTimeout: timeoutActionSchema.optional(),
  human_escalation: humanEscalationSchema.optional(),
  humanEscalation: humanEscalationSchema.optional(),
});

const ap2Schema = z.strictObject({
  enabled: z.boolean().optional(),
  mode: z.enum(["off", "observe", "partial", "full"]).optional(),
  require_for_side_effects: z.boolean().optional(),
  tools: z.strictObject({ allow: patternListSchema.optional() }).optional(),
  trusted_issuers: z.array(z.string()).optional(),
  policy_webhook_url: z.url().optional(),
  /** Tolerance on mandate `exp` / `nbf`, in seconds (default 60). */
  clock_skew_sec: z.number().int().min(0).max(3600).optional(),
  /** Signature algorithms accepted (default and upper bound `EdDSA`, `ES256`). */
  algorithms: z
    .array(z.enum(["EdDSA", "ES256"]))
    .min(1)
    .optional(),
  /** DID methods an issuer may use (default `key`, `jwk`, `web`). */
  allowed_did_methods: z
    .array(z.enum(["key", "jwk", "web"]))
    .min(1)
    .optional(),
  /** Refuse mandates without `exp` (default true). */
  require_expiry: z.boolean().optional(),
});

/** The `security` section: boundary allowlists, limits, side-effect escalation, version pins. */
export const securitySchema = z.strictObject({
  egress_allowlist: patternListSchema.optional(),
  fs_allowlist: patternListSchema.optional(),
  target_arguments: targetArgumentsSchema.optional(),
  limits: z
    .strictObject({
      max_payload_kb: countSchema.optional(),
      max_duration_ms: countSchema.optional(),
    })
    .optional(),
  side_effects: securitySideEffectsSchema.optional(),
  allow_versions: z.record(z.string(), z.array(z.string().min(1))).optional(),
  deny_subprocess: z.boolean().optional(),
  ap2: ap2Schema.optional(),
});

/** The `security` section as written. */
export type SecurityPolicy = z.infer<typeof securitySchema>;
/** Human escalation settings. */
export type HumanEscalationPolicy = z.infer<typeof humanEscalationSchema>;
