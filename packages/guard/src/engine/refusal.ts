import { REASON_CODES } from "@sec0/core";
import type { Refusal } from "./engine-types.js";

/**
 * A refusal with a sentence a person can act on, built from the reason-code table (or `meaning`,
 * when the caller can say more), then `detail`, then the escalation id or retry delay.
 */
export function createRefusal(
  decision: Refusal["decision"],
  reason: string,
  reasons: readonly string[],
  extra: { escalationId?: string; retryAfterMs?: number; detail?: string; meaning?: string } = {},
): Refusal {
  const meaning = extra.meaning ?? REASON_CODES[reason]?.meaning ?? `The call was refused (${reason}).`;
  const lead =
    decision === "escalate"
      ? "A human must approve this call first"
      : decision === "withheld"
        ? "The tool ran, but its output was withheld"
        : "The call was refused";
  const tail =
    extra.escalationId !== undefined
      ? ` Escalation ${extra.escalationId} is pending; retry with the approval token once it is approved.`
      : extra.retryAfterMs !== undefined
        ? ` Retry after ${Math.ceil(extra.retryAfterMs / 1000)} s.`
        : "";
  return {
    reason,
    decision,
    message: `${lead}: ${meaning}${extra.detail === undefined ? "" : ` ${extra.detail}`}${tail}`,
    reasons: [...reasons],
    ...(extra.escalationId === undefined ? {} : { escalationId: extra.escalationId }),
    ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs }),
  };
}

/**
 * The text MCP clients see in a refused call's tool error: the reason code, the sentence, and the
 * escalation id and retry delay when the sentence does not already carry them.
 */
export function refusalText(refusal: Refusal): string {
  let text = `${refusal.reason}: ${refusal.message}`;
  if (refusal.escalationId !== undefined && !refusal.message.includes(refusal.escalationId)) {
    text += ` (escalation ${refusal.escalationId})`;
  }
  if (refusal.retryAfterMs !== undefined && !/retry after/i.test(refusal.message)) {
    text += ` Retry after ${Math.ceil(refusal.retryAfterMs / 1000)} s.`;
  }
  return text;
}
