import type { ControlPlaneContext } from "../context.js";
import { type BridgeDeliveryOptions, deliverDueEvents } from "./deliver-due-events.js";

/** How often the service's delivery worker runs a pass. */
export const BRIDGE_DELIVERY_INTERVAL_MS = 1_000;

/** Options of {@link startBridgeDelivery}. */
export interface BridgeDeliveryWorkerOptions extends Omit<BridgeDeliveryOptions, "signal"> {
  /** Time between passes (one pass at a time). */
  readonly intervalMs: number;
}

/**
 * Runs {@link deliverDueEvents} every `intervalMs` on `context.clock`'s time, one pass at a time;
 * a failed pass is logged and the next tick tries again. Several workers (processes) may run on
 * one Postgres database: claims skip locked rows and lease them.
 *
 * @returns a function that stops the worker and aborts its in-flight POSTs (they are retried).
 * @example
 * const stop = startBridgeDelivery(context, { intervalMs: 1000 });
 */
export function startBridgeDelivery(
  context: ControlPlaneContext,
  options: BridgeDeliveryWorkerOptions,
): () => void {
  const stopping = new AbortController();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEvents(context, { ...options, signal: stopping.signal }, context.clock.now())
      .catch((error: unknown) =>
        context.logger.warn({ error: (error as Error).message }, "approvals-bridge delivery pass failed"),
      )
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopping.abort();
  };
}
