import type { ControlPlaneContext } from "../context.js";
import { retryDelayMs } from "./delivery-backoff.js";
import { fanOutEvents } from "./fan-out-events.js";
import { postBridgeEvent } from "./post-bridge-event.js";

/** Default give-up point: attempts per (event, bridge). */
export const DEFAULT_MAX_ATTEMPTS = 12;
/** Default time one POST may take. */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 5_000;
/** How many deliveries one claim takes (and sends concurrently) at most. */
const CLAIM_BATCH = 20;

/** Options of {@link deliverDueEvents} and `startBridgeDelivery`. */
export interface BridgeDeliveryOptions {
  /** The HTTP client (global `fetch` by default). */
  readonly fetch?: typeof fetch;
  /** Attempts before a delivery is abandoned (default 12). */
  readonly maxAttempts?: number;
  /** Timeout of one POST in milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** Aborts in-flight POSTs (the worker stopping). */
  readonly signal?: AbortSignal;
}

/** What one pass did. */
export interface DeliveryPassResult {
  readonly delivered: number;
  /** Failed, to be tried again later. */
  readonly retrying: number;
  /** Failed for the last time (`maxAttempts` reached). */
  readonly abandoned: number;
}

interface ClaimedDelivery {
  event_id: string;
  bridge_id: string;
  attempts: number;
  bridge_name: string;
  url: string;
  secret: string;
  bearer_token: string | null;
  payload: unknown;
}

/**
 * One delivery pass at `now`: fans new outbox events out to their tenant's bridges, then claims
 * due deliveries (`FOR UPDATE SKIP LOCKED`; the claim counts the attempt and leases the row past
 * the timeout, so no other worker sends it meanwhile and a crash re-sends it later) and POSTs
 * them, until none is due. 2xx marks a delivery delivered; a failure schedules the next attempt
 * after {@link retryDelayMs} or, at `maxAttempts`, abandons it; `last_error` keeps the reason.
 *
 * @example
 * await deliverDueEvents(context, { fetch }, context.clock.now());
 */
export async function deliverDueEvents(
  context: Pick<ControlPlaneContext, "db" | "logger">,
  options: BridgeDeliveryOptions,
  now: number,
): Promise<DeliveryPassResult> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  const leaseMs = 2 * timeoutMs + 30_000;
  const result = { delivered: 0, retrying: 0, abandoned: 0 };
  await fanOutEvents(context.db, now);
  for (;;) {
    if (options.signal?.aborted === true) return result;
    const { rows } = await context.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT event_id, bridge_id FROM bridge_deliveries
         WHERE delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE bridge_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
       FROM due, bridges b, escalation_events e
       WHERE d.event_id = due.event_id AND d.bridge_id = due.bridge_id
         AND b.id = d.bridge_id AND e.event_id = d.event_id
       RETURNING d.event_id, d.bridge_id, d.attempts, b.name AS bridge_name, b.url, b.secret,
         b.bearer_token, e.payload`,
      [new Date(now), new Date(now + leaseMs), CLAIM_BATCH],
    );
    const outcomes = await Promise.all(
      rows.map((row) => deliverOne(context, options, row, now, maxAttempts, timeoutMs)),
    );
    for (const outcome of outcomes) result[outcome] += 1;
    if (rows.length < CLAIM_BATCH) return result;
  }
}

async function deliverOne(
  context: Pick<ControlPlaneContext, "db" | "logger">,
  options: BridgeDeliveryOptions,
  row: ClaimedDelivery,
  now: number,
  maxAttempts: number,
  timeoutMs: number,
): Promise<keyof DeliveryPassResult> {
  const body = typeof row.payload === "string" ? row.payload : JSON.stringify(row.payload);
  const outcome = await postBridgeEvent({
    url: row.url,
    secret: row.secret,
    bearerToken: row.bearer_token,
    body,
    nowMs: now,
    timeoutMs,
    fetch: options.fetch ?? fetch,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const key = [row.event_id, row.bridge_id];
  if (outcome.ok) {
    await context.db.query(
      "UPDATE bridge_deliveries SET delivered_at = $3, last_error = NULL WHERE event_id = $1 AND bridge_id = $2",
      [...key, new Date(now)],
    );
    return "delivered";
  }
  const abandon = row.attempts >= maxAttempts;
  context.logger.warn(
    { bridge: row.bridge_name, event_id: row.event_id, attempts: row.attempts, error: outcome.error },
    abandon ? "bridge delivery abandoned" : "bridge delivery failed; will retry",
  );
  if (abandon) {
    await context.db.query(
      "UPDATE bridge_deliveries SET abandoned_at = $3, last_error = $4 WHERE event_id = $1 AND bridge_id = $2 AND delivered_at IS NULL",
      [...key, new Date(now), outcome.error],
    );
    return "abandoned";
  }
  await context.db.query(
    "UPDATE bridge_deliveries SET next_attempt_at = $3, last_error = $4 WHERE event_id = $1 AND bridge_id = $2 AND delivered_at IS NULL",
    [...key, new Date(now + retryDelayMs(row.attempts, options.random)), outcome.error],
  );
  return "retrying";
}
