import { AgentGuardPolicySchema } from "@sec0/core";
import { z } from "zod";
import { complianceSchema, llmJudgeSchema } from "./compliance.js";
import { dastSchema } from "./dast.js";
import {
  authnSchema,
  brokersSchema,
  dedupeSchema,
  entitlementsSchema,
  quotasSchema,
  targetsSchema,
} from "./gateway.js";
import { allowlistSchema, countSchema, durationSchema, reasonCodeSchema } from "./primitives.js";
import { sastSchema } from "./sast.js";
import { securitySchema } from "./security.js";
import { sideEffectsSchema } from "./side-effects.js";
import { skillsSchema } from "./skills.js";

const ratio = z.number().min(0).max(1);

const observabilitySchema = z.strictObject({
  enabled: z.boolean().optional(),
  otlp_endpoint: z.string().min(1).optional(),
  sample: z.strictObject({ success: ratio.optional(), error: ratio.optional() }).optional(),
  sampling: z
    .strictObject({ success_ratio: ratio.optional(), error_always: z.boolean().optional() })
    .optional(),
  redact_identities: z.boolean().optional(),
  instrumentation: z
    .strictObject({
      enabled: z.boolean().optional(),
      allow_sdk_attach: z.boolean().optional(),
      default_op: z.string().optional(),
    })
    .optional(),
});

const circuitBreakersSchema = z.strictObject({
  error_rate_pct: z.number().min(0).max(100).optional(),
  p95_latency_ms: countSchema.optional(),
  min_samples: z.number().int().min(1).optional(),
  window: z.number().int().min(1).optional(),
  cooldown_ms: countSchema.optional(),
});

const enforcementSchema = z.strictObject({
  mode: z.enum(["observe", "enforce"]).optional(),
  deny_on: z.array(reasonCodeSchema).optional(),
  escalate_on: z.array(reasonCodeSchema).optional(),
  circuit_breakers: circuitBreakersSchema.optional(),
  agent_guard: AgentGuardPolicySchema.optional(),
  /** Whether a remote runtime's allow may lift a local deny (default false: the stricter wins). */
  remote_may_override: z.boolean().optional(),
});

/**
 * The policy language as one zod schema. Every object is strict (an unknown key is an error with
 * a suggestion); only `tenant` is required. Defaults live in `POLICY_DEFAULTS`, not here.
 */
export const policySchema = z.strictObject({
  tenant: z.string().min(1),
  security_level: z.enum(["gateway", "middleware"]).optional(),
  default_retention: durationSchema.optional(),
  signing: z
    .strictObject({
      enabled: z.boolean().optional(),
      key_ref: z.string().min(1).optional(),
      /** `per_record` (default): each audit line signed; `checkpoint`: lines signed by checkpoints. */
      mode: z.enum(["per_record", "checkpoint"]).optional(),
    })
    .optional(),
  observability: observabilitySchema.optional(),
  tools: z
    .strictObject({ allowlist: allowlistSchema.optional(), deny_if_unpinned_version: z.boolean().optional() })
    .optional(),
  skills: skillsSchema.optional(),
  sast: sastSchema.optional(),
  dast: dastSchema.optional(),
  privacy: z
    .strictObject({
      redact_outputs: z.boolean().optional(),
      store_raw_payloads: z.boolean().optional(),
      artifact_retention: z
        .strictObject({
          public: durationSchema.optional(),
          pii: durationSchema.optional(),
          phi: durationSchema.optional(),
        })
        .optional(),
    })
    .optional(),
  side_effects: sideEffectsSchema.optional(),
  enforcement: enforcementSchema.optional(),
  agent_guard: AgentGuardPolicySchema.optional(),
  compliance: complianceSchema.optional(),
  llm_judge: llmJudgeSchema.optional(),
  security: securitySchema.optional(),
  sec0_export: z
    .strictObject({
      enabled: z.boolean().optional(),
      bucket_uri: z.string().optional(),
      cadence: z.enum(["daily", "weekly", "monthly"]).optional(),
    })
    .optional(),
  authn: authnSchema.optional(),
  entitlements: entitlementsSchema.optional(),
  brokers: brokersSchema.optional(),
  targets: targetsSchema.optional(),
  quotas: quotasSchema.optional(),
  dedupe: dedupeSchema.optional(),
});

/** A validated policy, exactly as written (no defaults injected). */
export type Policy = z.infer<typeof policySchema>;
/** 0.2.3's name for {@link Policy}. */
export type PolicyObject = Policy;
/** The `enforcement` section. */
export type EnforcementPolicy = z.infer<typeof enforcementSchema>;
