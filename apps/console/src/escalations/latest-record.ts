import { type EscalationRecord, isFinal } from "./escalation-types.js";

/**
 * The record to show when a reply arrives: the incoming one, unless it is an older pending read of
 * an escalation already shown as decided (a long-poll answered before a vote's reply): a decided
 * escalation never turns pending again.
 *
 * @example
 * latestRecord({ id: "e", status: "approved" }, { id: "e", status: "pending" }).status; // "approved"
 */
export function latestRecord(
  current: EscalationRecord | undefined,
  incoming: EscalationRecord,
): EscalationRecord {
  if (current === undefined || current.id !== incoming.id) return incoming;
  if (isFinal(current.status) && !isFinal(incoming.status)) return current;
  return incoming;
}

/** True when two reads of an escalation say the same (a long-poll that timed out): nothing to redraw. */
export function sameRecord(a: EscalationRecord | undefined, b: EscalationRecord | undefined): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
