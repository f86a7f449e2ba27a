import { AGENT_GUARD_DETECTOR_IDS } from "@sec0/core";
import { createAgentGuard } from "@sec0/evaluator";

/** Redacts what a card shows. */
export type ContentRedactor = (text: string) => string;

/**
 * The redaction of card content: Agent Guard's `pii` and `secrets` detectors replace what they
 * find with typed placeholders (`[REDACTED:pii.email]`), so a chat channel never holds the
 * personal data or the credentials an agent tried to send. What remains is what the approver
 * judges.
 */
export function createCardRedactor(): ContentRedactor {
  const off = Object.fromEntries(
    AGENT_GUARD_DETECTOR_IDS.filter((id) => id !== "pii" && id !== "secrets").map((id) => [
      id,
      { enabled: false },
    ]),
  );
  const guard = createAgentGuard(
    { detectors: { ...off, pii: { action: "redact" }, secrets: { action: "redact" } } },
    { onIncomplete: "allow", redactOutputs: true },
  );
  return (text) => {
    const verdict = guard.scanOutput(text);
    return typeof verdict.redacted === "string" ? verdict.redacted : text;
  };
}
