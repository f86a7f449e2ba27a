import {
  AGENT_GUARD_LEGACY_PATTERN_KEYS,
  type AgentGuardCustomRule,
  type AgentGuardDetectorPolicy,
  type AgentGuardPolicy,
  AgentGuardPolicySchema,
  Sec0Error,
} from "@sec0/core";
import type { z } from "zod";
import { EVAL_ERROR_CODES } from "./errors.js";

/**
 * The `agent_guard` section of a sec0 policy, sec0-sdk 0.2.3's legacy override lists included
 * (each replaces the built-in detector it names). The one schema lives in `@sec0/core`, which
 * the policy package validates policies with, so a policy that validates builds a guard.
 */
export type AgentGuardConfig = AgentGuardPolicy;

/** Per-detector settings of the `agent_guard` section. */
export type AgentGuardDetectorConfig = AgentGuardDetectorPolicy;

/** A policy-defined regex rule. Findings carry code `agent_policy_violation`. */
export type { AgentGuardCustomRule };

/** zod schema of {@link AgentGuardConfig} (core's `AgentGuardPolicySchema`); unknown keys are rejected. */
export const AgentGuardConfigSchema = AgentGuardPolicySchema;

/** Legacy 0.2.3 override list → detector it replaces. */
export const LEGACY_PATTERN_KEYS = AGENT_GUARD_LEGACY_PATTERN_KEYS;

/**
 * Validates an `agent_guard` section against the schema the policy package uses.
 *
 * @throws {Sec0Error} `EVAL_PATTERN_INVALID` when a custom rule's pattern or flags, or a legacy
 *   list entry, does not compile; `EVAL_CONFIG_INVALID` for any other bad field. The message
 *   names the first bad field.
 * @example
 * parseAgentGuardConfig({ detectors: { pii: { action: "redact" } } }).detectors?.pii?.action; // "redact"
 */
export function parseAgentGuardConfig(input: unknown): AgentGuardConfig {
  const result = AgentGuardConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = formatField(issue.path);
  const details = {
    path,
    issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  };
  if (isInvalidRegex(issue)) {
    throw new Sec0Error(
      EVAL_ERROR_CODES.PATTERN_INVALID,
      `${path} is not a valid regular expression (${issue.message}); fix or remove it.`,
      { details },
    );
  }
  throw new Sec0Error(
    EVAL_ERROR_CODES.CONFIG_INVALID,
    `${path}: ${issue.message}. See the agent_guard section in the @sec0/evaluator README.`,
    { details },
  );
}

function isInvalidRegex(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && (issue.params as { sec0?: string } | undefined)?.sec0 === "invalid_regex";
}

/** `agent_guard.custom[0].pattern`, the way the policy package names fields. */
function formatField(path: readonly PropertyKey[]): string {
  let out = "agent_guard";
  for (const segment of path) out += typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`;
  return out;
}
