import type { Severity } from "@sec0/core";
import { Sec0Error } from "@sec0/core";
import { z } from "zod";
import { EVAL_ERROR_CODES } from "./errors.js";
import type { DetectorId, FindingAction } from "./types.js";

/** Per-detector settings of the `agent_guard` policy section. */
export interface AgentGuardDetectorConfig {
  enabled?: boolean;
  block_on_severity?: Severity;
  /** 0..1; findings below are dropped. Default 0.5 (the classifiers' dev-chosen thresholds). */
  min_confidence?: number;
  /** block (default): counts toward blocking; redact: replaced in the value; flag: recorded only. */
  action?: FindingAction;
}

/** A policy-defined regex rule. Findings carry code `agent_policy_violation`. */
export interface AgentGuardCustomRule {
  id: string;
  pattern: string;
  flags?: string;
  severity: Severity;
  location?: "input" | "output" | "both";
  action?: FindingAction;
  message?: string;
}

/**
 * The `agent_guard` section of a sec0 policy (the policy package declares the same shape), plus
 * sec0-sdk 0.2.3's legacy override lists, each of which replaces the built-in detector it names.
 */
export interface AgentGuardConfig {
  enabled?: boolean;
  block_on_severity?: Severity;
  block_on_count?: number;
  detectors?: Partial<Record<DetectorId, AgentGuardDetectorConfig>>;
  custom?: AgentGuardCustomRule[];
  scan_inputs?: boolean;
  scan_outputs?: boolean;
  max_scan_bytes?: number;
  prompt_injection_patterns?: string[];
  pii_patterns?: string[];
  secret_patterns?: string[];
  dangerous_commands?: string[];
  toxicity_patterns?: string[];
  malicious_code_patterns?: string[];
  policy_violation_patterns?: string[];
  data_exfiltration_patterns?: string[];
}

const severity = z.enum(["low", "medium", "high", "critical"]);
const action = z.enum(["block", "redact", "flag"]);
const detectorConfig = z
  .object({
    enabled: z.boolean().optional(),
    block_on_severity: severity.optional(),
    min_confidence: z.number().min(0).max(1).optional(),
    action: action.optional(),
  })
  .strict();
const patterns = z.array(z.string()).optional();

/** zod schema of {@link AgentGuardConfig}; unknown keys are rejected so typos surface. */
export const AgentGuardConfigSchema = z
  .object({
    enabled: z.boolean().optional(),
    block_on_severity: severity.optional(),
    block_on_count: z.number().int().min(1).optional(),
    detectors: z
      .object({
        prompt_injection: detectorConfig.optional(),
        pii: detectorConfig.optional(),
        secrets: detectorConfig.optional(),
        toxic_content: detectorConfig.optional(),
        command_unsafe: detectorConfig.optional(),
        malicious_code: detectorConfig.optional(),
        policy_violation: detectorConfig.optional(),
        data_exfiltration: detectorConfig.optional(),
      })
      .strict()
      .optional(),
    custom: z
      .array(
        z
          .object({
            id: z.string().min(1),
            pattern: z.string().min(1),
            flags: z
              .string()
              .regex(/^[imsu]*$/, "flags may only contain i, m, s, u")
              .optional(),
            severity,
            location: z.enum(["input", "output", "both"]).optional(),
            action: action.optional(),
            message: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    scan_inputs: z.boolean().optional(),
    scan_outputs: z.boolean().optional(),
    max_scan_bytes: z.number().int().positive().optional(),
    prompt_injection_patterns: patterns,
    pii_patterns: patterns,
    secret_patterns: patterns,
    dangerous_commands: patterns,
    toxicity_patterns: patterns,
    malicious_code_patterns: patterns,
    policy_violation_patterns: patterns,
    data_exfiltration_patterns: patterns,
  })
  .strict();

/** Validates an `agent_guard` section; throws `EVAL_CONFIG_INVALID` naming the first bad field. */
export function parseAgentGuardConfig(input: unknown): AgentGuardConfig {
  const r = AgentGuardConfigSchema.safeParse(input ?? {});
  if (r.success) return r.data as AgentGuardConfig;
  const issue = r.error.issues[0]!;
  const path = ["agent_guard", ...issue.path.map(String)].join(".");
  throw new Sec0Error(
    EVAL_ERROR_CODES.CONFIG_INVALID,
    `${path}: ${issue.message}. See the agent_guard section in the @sec0/evaluator README.`,
    {
      details: {
        path,
        issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      },
    },
  );
}

/** Legacy 0.2.3 override list → detector it replaces. */
export const LEGACY_PATTERN_KEYS = {
  prompt_injection_patterns: "prompt_injection",
  pii_patterns: "pii",
  secret_patterns: "secrets",
  dangerous_commands: "command_unsafe",
  toxicity_patterns: "toxic_content",
  malicious_code_patterns: "malicious_code",
  policy_violation_patterns: "policy_violation",
  data_exfiltration_patterns: "data_exfiltration",
} as const satisfies Record<string, DetectorId>;
