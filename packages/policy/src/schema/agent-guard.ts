import { z } from "zod";
import { compileUserRegex } from "../user-regex.js";
import { countSchema, severitySchema } from "./primitives.js";

/** Detector ids of Agent Guard; the evaluator package implements each. */
export const AGENT_GUARD_DETECTOR_IDS = [
  "prompt_injection",
  "pii",
  "secrets",
  "toxic_content",
  "command_unsafe",
  "malicious_code",
] as const;

/** What a detector or custom rule does with a finding. */
export const findingActionSchema = z.enum(["block", "redact", "flag"]);

const detectorSchema = z.strictObject({
  enabled: z.boolean().optional(),
  block_on_severity: severitySchema.optional(),
  min_confidence: z.number().min(0).max(1).optional(),
  action: findingActionSchema.optional(),
});

const customDetectorSchema = z
  .strictObject({
    id: z.string().min(1),
    pattern: z.string().min(1),
    flags: z.string().optional(),
    severity: severitySchema,
    location: z.enum(["input", "output", "both"]).optional(),
    action: findingActionSchema.optional(),
    message: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    try {
      compileUserRegex(rule.pattern, rule.flags ?? "");
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["pattern"],
        message: (error as Error).message,
        params: { sec0: "invalid_regex" },
      });
    }
  });

const legacyPatterns = z.array(z.string()).optional();

/**
 * The `agent_guard` section (also accepted as `enforcement.agent_guard`, 0.2.3's location).
 * `@sec0/evaluator` implements the detection against exactly these names.
 */
export const agentGuardSchema = z.strictObject({
  enabled: z.boolean().optional(),
  block_on_severity: severitySchema.optional(),
  block_on_count: z.number().int().min(1).optional(),
  detectors: z
    .strictObject(
      Object.fromEntries(AGENT_GUARD_DETECTOR_IDS.map((id) => [id, detectorSchema.optional()])) as {
        [K in (typeof AGENT_GUARD_DETECTOR_IDS)[number]]: z.ZodOptional<typeof detectorSchema>;
      },
    )
    .optional(),
  custom: z.array(customDetectorSchema).optional(),
  scan_inputs: z.boolean().optional(),
  scan_outputs: z.boolean().optional(),
  max_scan_bytes: countSchema.min(1).optional(),
  // 0.2.3 override lists: each replaces the built-in patterns of one family.
  prompt_injection_patterns: legacyPatterns,
  pii_patterns: legacyPatterns,
  secret_patterns: legacyPatterns,
  dangerous_commands: legacyPatterns,
  toxicity_patterns: legacyPatterns,
  malicious_code_patterns: legacyPatterns,
  policy_violation_patterns: legacyPatterns,
  data_exfiltration_patterns: legacyPatterns,
});

/** The `agent_guard` policy section as parsed. */
export type AgentGuardPolicy = z.infer<typeof agentGuardSchema>;
/** One entry of `agent_guard.detectors`. */
export type AgentGuardDetectorPolicy = z.infer<typeof detectorSchema>;
/** One entry of `agent_guard.custom`. */
export type AgentGuardCustomRule = z.infer<typeof customDetectorSchema>;
/** A built-in detector id. */
export type AgentGuardDetectorId = (typeof AGENT_GUARD_DETECTOR_IDS)[number];
