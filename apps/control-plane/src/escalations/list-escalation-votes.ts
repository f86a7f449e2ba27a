import type { EscalationVerdict, EscalationVote } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import { isoOf } from "./escalation-row.js";

interface VoteRow {
  approver_id: string;
  action: EscalationVerdict;
  roles: string[];
  notes: string | null;
  actor_id: string | null;
  created_at: Date | string;
}

/**
 * The votes on escalation `id` of `tenantId`, oldest first (then by approver id), or `undefined`
 * when there is no such escalation in that tenant. The voting key's id is not part of a vote's
 * record.
 *
 * @example
 * const votes = await listEscalationVotes(db, "acme", "esc_1"); // undefined → 404
 */
export async function listEscalationVotes(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<EscalationVote[] | undefined> {
  const found = await db.query("SELECT 1 FROM escalations WHERE id = $1 AND tenant_id = $2", [id, tenantId]);
  if (found.rows.length === 0) return undefined;
  const { rows } = await db.query<VoteRow>(
    `SELECT approver_id, action, roles, notes, actor_id, created_at FROM escalation_votes
     WHERE escalation_id = $1 ORDER BY created_at, approver_id`,
    [id],
  );
  return rows.map((row) => ({
    approver_id: row.approver_id,
    action: row.action,
    roles: row.roles,
    notes: row.notes,
    actor_id: row.actor_id,
    created_at: isoOf(row.created_at) as string,
  }));
}
