import { AGENT_GUARD_DETECTOR_IDS, type Sec0Error } from "@sec0/core";
import { type AgentGuard, createAgentGuard, redactText } from "@sec0/evaluator";
import { GuardConfigError } from "./guard-errors.js";

/** Default replacement of a redacted span in a rule's `redact` (0.2.3's). */
export const DEFAULT_REDACTION = "[REDACTED]";

/** Redacts one rule's content: built-in PII shapes plus the rule's patterns. */
export type ContentRedactor = (content: unknown) => string;

/**
 * Builds the redactor of a `redact` rule: the content is stringified (JSON for non-strings) and
 * every email address, SSN, payment card, phone number (and the other PII shapes of Agent Guard's
 * `pii` detector) and every match of the rule's `patterns` (case-insensitive, checked for
 * catastrophic backtracking as Agent Guard's custom rules are) is replaced by `replacement`.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` for a pattern that does not compile.
 * @example
 * createContentRedactor({ patterns: ["order-\\d+"] })("mail jane@corp.com about order-42"); // "mail [REDACTED] about [REDACTED]"
 */
export function createContentRedactor(
  redact: { readonly replacement?: string; readonly patterns?: readonly string[] } = {},
  field = "rules[].redact",
): ContentRedactor {
  const replacement = redact.replacement ?? DEFAULT_REDACTION;
  const guard = buildRedactingGuard(redact.patterns ?? [], field);
  return (content) => {
    const text = typeof content === "string" ? content : (JSON.stringify(content) ?? "");
    const verdict = guard.scanOutput(text);
    const spans = verdict.findings.filter((finding) => finding.path === "$" && finding.inKey !== true);
    return redactText(text, spans, () => replacement);
  };
}

function buildRedactingGuard(patterns: readonly string[], field: string): AgentGuard {
  const off = Object.fromEntries(
    AGENT_GUARD_DETECTOR_IDS.filter((id) => id !== "pii").map((id) => [id, { enabled: false }]),
  );
  try {
    return createAgentGuard(
      {
        detectors: { ...off, pii: { action: "redact", min_confidence: 0 } },
        custom: patterns.map((pattern, index) => ({
          id: `redact_${index}`,
          pattern,
          severity: "low" as const,
          location: "both" as const,
          action: "redact" as const,
        })),
      },
      { onIncomplete: "allow" },
    );
  } catch (error) {
    throw new GuardConfigError(`${field}.patterns`, `${field}.patterns: ${(error as Sec0Error).message}`, {
      cause: error,
    });
  }
}
