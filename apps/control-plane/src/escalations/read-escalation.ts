import { changeNotifierFor } from "./change-notifier.js";
import type { EscalationDeps, EscalationRow } from "./escalation-row.js";
import { isDue } from "./escalation-row.js";
import { finalizeEscalation, TIMEOUT_FINALIZATION } from "./finalize-escalation.js";

/**
 * Reads escalation `id` of `tenantId` (`undefined` when it is not there, or is another tenant's).
 * A pending escalation past its `expires_at` is expired on the spot (lazy expiry, same effect as
 * the sweep: status `expired`, reason `timeout`, one finalized event), so no reader ever sees a
 * stale `pending`.
 */
export async function readEscalation(
  deps: EscalationDeps,
  tenantId: string,
  id: string,
): Promise<EscalationRow | undefined> {
  const now = deps.clock.now();
  const row = await selectEscalation(deps, tenantId, id);
  if (row === undefined || !isDue(row, now)) return row;
  const expired = await deps.db.transaction((tx) =>
    finalizeEscalation(tx, deps, id, TIMEOUT_FINALIZATION, now),
  );
  if (expired !== undefined) changeNotifierFor(deps.db).notify(id);
  return expired?.row ?? (await selectEscalation(deps, tenantId, id));
}

async function selectEscalation(
  deps: EscalationDeps,
  tenantId: string,
  id: string,
): Promise<EscalationRow | undefined> {
  const { rows } = await deps.db.query<EscalationRow>(
    "SELECT * FROM escalations WHERE id = $1 AND tenant_id = $2",
    [id, tenantId],
  );
  return rows[0];
}
