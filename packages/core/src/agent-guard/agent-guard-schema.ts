import { z } from "zod";
import type { Severity } from "../reason-codes.js";
import { compileGuardPattern, DEFAULT_GUARD_PATTERN_FLAGS } from "./compile-guard-pattern.js";

/** Detector ids of Agent Guard; `@sec0/evaluator` implements each. */
export const AGENT_GUARD_DETECTOR_IDS = [
  "prompt_injection",
  "pii",
  "secrets",
  "toxic_content",
  "command_unsafe",
  "malicious_code",
  "policy_violation",
  "data_exfiltration",
] as const;

/** A built-in detector id. */
export type AgentGuardDetectorId = (typeof AGENT_GUARD_DETECTOR_IDS)[number];

/** sec0-sdk 0.2.3's override lists, each naming the built-in detector whose patterns it replaces. */
export const AGENT_GUARD_LEGACY_PATTERN_KEYS = {
  prompt_injection_patterns: "prompt_injection",
  pii_patterns: "pii",
  secret_patterns: "secrets",
  dangerous_commands: "command_unsafe",
  toxicity_patterns: "toxic_content",
  malicious_code_patterns: "malicious_code",
  policy_violation_patterns: "policy_violation",
  data_exfiltration_patterns: "data_exfiltration",
} as const satisfies Record<string, AgentGuardDetectorId>;

type LegacyPatternKey = keyof typeof AGENT_GUARD_LEGACY_PATTERN_KEYS;

/** Custom issue kind carried in `params.sec0` (the policy package reports it as the issue code). */
const INVALID_REGEX = { sec0: "invalid_regex" } as const;

const severitySchema = z.enum(["low", "medium", "high", "critical"]) satisfies z.ZodType<Severity>;

/** What a detector or custom rule does with a finding: block the call, redact the span, or record it. */
export const AgentGuardFindingActionSchema = z.enum(["block", "redact", "flag"]);
/** A finding action. */
export type AgentGuardFindingAction = z.infer<typeof AgentGuardFindingActionSchema>;

/** One entry of `agent_guard.detectors`. */
export const AgentGuardDetectorPolicySchema = z.strictObject({
  enabled: z.boolean().optional(),
  block_on_severity: severitySchema.optional(),
  /** 0..1; findings below are dropped. The evaluator defaults it to 0.5. */
  min_confidence: z.number().min(0).max(1).optional(),
  /** block (default): counts toward blocking; redact: replaced in the value; flag: recorded only. */
  action: AgentGuardFindingActionSchema.optional(),
});
/** One entry of `agent_guard.detectors`. */
export type AgentGuardDetectorPolicy = z.infer<typeof AgentGuardDetectorPolicySchema>;

/** One entry of `agent_guard.custom`: a regex rule whose findings carry `agent_policy_violation`. */
export const AgentGuardCustomRuleSchema = z
  .strictObject({
    id: z.string().min(1),
    pattern: z.string().min(1),
    /** Any of `d g i m s u v`; absent means `i`. See {@link compileGuardPattern}. */
    flags: z.string().optional(),
    severity: severitySchema,
    location: z.enum(["input", "output", "both"]).optional(),
    action: AgentGuardFindingActionSchema.optional(),
    message: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    const result = compileGuardPattern(rule.pattern, rule.flags ?? DEFAULT_GUARD_PATTERN_FLAGS);
    if (!result.ok)
      ctx.addIssue({ code: "custom", path: [result.field], message: result.message, params: INVALID_REGEX });
  });
/** One entry of `agent_guard.custom`. */
export type AgentGuardCustomRule = z.infer<typeof AgentGuardCustomRuleSchema>;

/** A pattern of a 0.2.3 override list, compiled as the guard runs it (case-insensitive). */
const legacyPatternSchema = z.string().superRefine((pattern, ctx) => {
  const result = compileGuardPattern(pattern);
  if (!result.ok) ctx.addIssue({ code: "custom", message: result.message, params: INVALID_REGEX });
});

const detectorsSchema = z.strictObject(
  Object.fromEntries(
    AGENT_GUARD_DETECTOR_IDS.map((id) => [id, AgentGuardDetectorPolicySchema.optional()]),
  ) as {
    [K in AgentGuardDetectorId]: z.ZodOptional<typeof AgentGuardDetectorPolicySchema>;
  },
);

const legacyListShape = Object.fromEntries(
  Object.keys(AGENT_GUARD_LEGACY_PATTERN_KEYS).map((key) => [key, z.array(legacyPatternSchema).optional()]),
) as { [K in LegacyPatternKey]: z.ZodOptional<z.ZodArray<typeof legacyPatternSchema>> };

/**
 * The `agent_guard` section of a sec0 policy (also accepted as `enforcement.agent_guard`, 0.2.3's
 * location): the one schema that `@sec0/policy` validates policies with and `@sec0/evaluator`
 * builds the guard from. Every object is strict, and every pattern is compiled as the guard will
 * run it, so a section that passes builds a guard. Invalid patterns and flags are custom issues with
 * `params.sec0 === "invalid_regex"`.
 *
 * @example
 * AgentGuardPolicySchema.safeParse({ detectors: { data_exfiltration: { action: "flag" } } }).success; // true
 */
export const AgentGuardPolicySchema = z.strictObject({
  enabled: z.boolean().optional(),
  block_on_severity: severitySchema.optional(),
  block_on_count: z.number().int().min(1).optional(),
  detectors: detectorsSchema.optional(),
  custom: z.array(AgentGuardCustomRuleSchema).optional(),
  scan_inputs: z.boolean().optional(),
  scan_outputs: z.boolean().optional(),
  max_scan_bytes: z.number().int().min(1).optional(),
  ...legacyListShape,
});
/** The `agent_guard` policy section as parsed (nothing defaulted). */
export type AgentGuardPolicy = z.infer<typeof AgentGuardPolicySchema>;
