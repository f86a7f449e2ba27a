import { isEscalationTerminal } from "@sec0/core/contracts";
import { changeNotifierFor } from "./change-notifier.js";
import { type EscalationDeps, type EscalationRow, millisOf } from "./escalation-row.js";
import { readEscalation } from "./read-escalation.js";

/** How often a long-poll re-reads the row even without a notification (other replicas). */
const RECHECK_MS = 2000;

/**
 * Long-poll: returns `initial` at once when it is final or `waitMs` is 0; else waits for an
 * in-process notification of the escalation, its expiry time or the end of the wait, re-reading
 * the row (at least every {@link RECHECK_MS}), and returns as soon as its status or its vote
 * counts differ from `initial`, or when the wait is over.
 */
export async function waitForChange(
  deps: EscalationDeps,
  initial: EscalationRow,
  waitMs: number,
  signal?: AbortSignal,
): Promise<EscalationRow> {
  const notifier = changeNotifierFor(deps.db);
  const deadline = Date.now() + waitMs;
  let row = initial;
  while (!isEscalationTerminal(row.status) && !signal?.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) return row;
    const untilExpiry = millisOf(row.expires_at) - deps.clock.now() + 5;
    await notifier.wait(row.id, Math.min(left, RECHECK_MS, Math.max(untilExpiry, 0)), signal);
    row = (await readEscalation(deps, row.tenant_id, row.id)) ?? row;
    if (
      row.status !== initial.status ||
      row.approvals !== initial.approvals ||
      row.rejections !== initial.rejections
    )
      return row;
  }
  return row;
}
