import type { Queryable } from "../db/database.js";

/** How many outbox events one statement fans out at most. */
const FAN_OUT_BATCH = 500;

/**
 * Hands every outbox event not yet handed out (`escalation_events.delivered_at IS NULL`) to the
 * bridges of its tenant that take its type: one `bridge_deliveries` row per (event, bridge), due
 * at `now`, then marks the event handed out (also when its tenant has no bridge: a bridge
 * registered later receives only newer events). Rows are locked with `SKIP LOCKED`, so
 * concurrent workers split the outbox instead of waiting on each other.
 *
 * @returns how many events were handed out.
 */
export async function fanOutEvents(db: Queryable, now: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ event_id: string }>(
      `WITH batch AS (
         SELECT event_id FROM escalation_events WHERE delivered_at IS NULL
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), fanned AS (
         INSERT INTO bridge_deliveries (event_id, bridge_id, attempts, next_attempt_at)
         SELECT e.event_id, b.id, 0, $1
         FROM escalation_events e
         JOIN batch ON batch.event_id = e.event_id
         JOIN bridges b ON b.tenant_id = e.tenant_id
           AND (b.event_types IS NULL OR e.event_type = ANY (b.event_types))
         ON CONFLICT DO NOTHING
       )
       UPDATE escalation_events e SET delivered_at = $1 FROM batch
       WHERE e.event_id = batch.event_id RETURNING e.event_id`,
      [new Date(now), FAN_OUT_BATCH],
    );
    total += rows.length;
    if (rows.length < FAN_OUT_BATCH) return total;
  }
}
