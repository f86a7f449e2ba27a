import type { ControlPlaneContext } from "../context.js";
import { changeNotifierFor } from "./change-notifier.js";
import type { EscalationDeps } from "./escalation-row.js";
import { finalizeEscalation, TIMEOUT_FINALIZATION } from "./finalize-escalation.js";

/** How many due escalations one sweep pass expires at most. */
const SWEEP_BATCH = 500;

/**
 * Expires every pending escalation whose `expires_at` is at or before `now`, applying its
 * `timeout_action` (only `auto_reject` exists: status `expired`, reason `timeout`; a timeout never
 * approves). Each one is finalized in its own transaction with its finalized event; one that a
 * vote or a reader finalized first is skipped. Waiting long-polls are woken. With `tenantId`, only
 * that tenant's are (a reader's lazy expiry, e.g. before listing them).
 *
 * @returns the ids expired by this call.
 * @example
 * await expireDueEscalations(context, Date.now());
 * await expireDueEscalations(context, Date.now(), { tenantId: "acme" });
 */
export async function expireDueEscalations(
  deps: Pick<EscalationDeps, "db" | "signer" | "newId">,
  now: number,
  options: { readonly tenantId?: string } = {},
): Promise<string[]> {
  const expired: string[] = [];
  for (;;) {
    const { rows } = await deps.db.query<{ id: string }>(
      `SELECT id FROM escalations WHERE status = 'pending' AND expires_at <= $1 AND ($3::text IS NULL OR tenant_id = $3)
       ORDER BY expires_at LIMIT $2`,
      [new Date(now), SWEEP_BATCH, options.tenantId ?? null],
    );
    for (const { id } of rows) {
      const done = await deps.db.transaction((tx) =>
        finalizeEscalation(tx, deps, id, TIMEOUT_FINALIZATION, now),
      );
      if (done !== undefined) {
        expired.push(id);
        changeNotifierFor(deps.db).notify(id);
      }
    }
    if (rows.length < SWEEP_BATCH) return expired;
  }
}

/**
 * Runs {@link expireDueEscalations} every `intervalMs` on `context.clock`'s time (one pass at a
 * time; failures are logged and the next tick tries again). The service starts it; it is not
 * started by the route module.
 *
 * @returns a function that stops the sweeper.
 * @example
 * const stop = startExpirySweeper(context, 5000);
 */
export function startExpirySweeper(context: ControlPlaneContext, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireDueEscalations(context, context.clock.now())
      .catch((error: unknown) =>
        context.logger.warn({ error: (error as Error).message }, "escalation expiry sweep failed"),
      )
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
