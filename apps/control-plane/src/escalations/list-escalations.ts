import type { EscalationStatus } from "@sec0/core/contracts";
import type { EscalationDeps, EscalationRow } from "./escalation-row.js";
import { expireDueEscalations } from "./expire-escalations.js";

/** Which escalations of a tenant {@link listEscalations} answers. */
export interface EscalationListFilter {
  /** Only those in this state; all states when absent. */
  readonly status?: EscalationStatus | undefined;
  /** At most this many (the route allows 1 to 200). */
  readonly limit: number;
}

/**
 * The escalations of `tenantId`: pending ones first, soonest `expires_at` first, then the final
 * ones newest first (`created_at`, then id, descending). The tenant's due pending escalations
 * are expired first (the same finalization as the sweep and the single read), so none is listed
 * as a stale `pending`. Another tenant's escalations are never read.
 *
 * @example
 * const rows = await listEscalations(context, "acme", { status: "pending", limit: 50 });
 */
export async function listEscalations(
  deps: EscalationDeps,
  tenantId: string,
  filter: EscalationListFilter,
): Promise<EscalationRow[]> {
  await expireDueEscalations(deps, deps.clock.now(), { tenantId });
  const { rows } = await deps.db.query<EscalationRow>(
    `SELECT * FROM escalations WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
     ORDER BY (status = 'pending') DESC,
       CASE WHEN status = 'pending' THEN expires_at END ASC,
       created_at DESC, id DESC
     LIMIT $3`,
    [tenantId, filter.status ?? null, filter.limit],
  );
  return rows;
}
