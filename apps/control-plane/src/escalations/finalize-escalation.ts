import { mintApprovalToken } from "../approvals/mint-approval-token.js";
import type { Queryable } from "../db/database.js";
import { insertEscalationEvent } from "./escalation-events.js";
import type { EscalationDeps, EscalationRow } from "./escalation-row.js";

/** A final state and why it was reached. */
export interface Finalization {
  readonly status: "approved" | "rejected" | "expired";
  /** `approved`, `auto_allow`, `rejected`, `vetoed` or `timeout`. */
  readonly reason: string;
  readonly message: string;
}

/**
 * Moves a pending escalation to a final state inside `tx`: the conditional `UPDATE … WHERE status
 * = 'pending'` lets exactly one caller win (others get `undefined` and change nothing); the winner
 * writes the one `escalation.finalized` event and, for an approval, mints the approval token.
 *
 * @returns the final row and the token text (when one was minted), or `undefined` when the
 *   escalation was no longer pending.
 */
export async function finalizeEscalation(
  tx: Queryable,
  deps: Pick<EscalationDeps, "signer" | "newId">,
  id: string,
  finalization: Finalization,
  now: number,
): Promise<{ row: EscalationRow; token: string | undefined } | undefined> {
  const { rows } = await tx.query<EscalationRow>(
    `UPDATE escalations SET status = $2, finalization_reason = $3, requester_status_message = $4, resolved_at = $5
     WHERE id = $1 AND status = 'pending' RETURNING *`,
    [id, finalization.status, finalization.reason, finalization.message, new Date(now)],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  await insertEscalationEvent(tx, deps.newId("evt"), "escalation.finalized", row, now);
  const token = finalization.status === "approved" ? await mintApprovalToken(tx, deps, row, now) : undefined;
  return { row, token };
}

/** The finalization of an escalation nobody decided in time: `auto_reject` → expired, never approved. */
export const TIMEOUT_FINALIZATION: Finalization = {
  status: "expired",
  reason: "timeout",
  message: "Nobody decided in time: the escalation expired and the call stays refused.",
};
