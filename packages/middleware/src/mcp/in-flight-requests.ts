import type { RequestId } from "@modelcontextprotocol/sdk/types.js";
import { idKey } from "./json-rpc.js";

/**
 * The requests one side sent through the interceptor that the other side has not answered yet, by
 * id, with their method: the only answers allowed back are answers to these, once each.
 */
export interface InFlightRequests {
  /** Remembers a request; false when its id is already in flight or the table is full (refuse it). */
  open(id: RequestId, method: string): boolean;
  /** The method of the request an answer with `id` answers, forgetting it; undefined when none. */
  close(id: RequestId): string | undefined;
  /** The method of the request `id` in flight, if any. */
  methodOf(id: RequestId): string | undefined;
  /** The sender cancelled `id`: forgotten, and a late answer to it is expected (see `wasCancelled`). */
  cancel(id: RequestId): void;
  /** True once for an answer to a request its sender cancelled (drop it quietly). */
  wasCancelled(id: RequestId): boolean;
}

/** Requests in flight per direction and connection (a bound against a peer that never answers). */
export const MAX_IN_FLIGHT_REQUESTS = 10_000;
const MAX_CANCELLED = 1_000;

/**
 * Creates an empty {@link InFlightRequests}: Map lookups only, nothing per message beyond the key.
 *
 * @example
 * const inFlight = createInFlightRequests();
 * inFlight.open(1, "resources/read"); // true
 * inFlight.close(1); // "resources/read"
 */
export function createInFlightRequests(limit = MAX_IN_FLIGHT_REQUESTS): InFlightRequests {
  const methods = new Map<string, string>();
  const cancelled = new Set<string>();
  return {
    open(id, method) {
      const key = idKey(id);
      if (methods.has(key) || methods.size >= limit) return false;
      methods.set(key, method);
      return true;
    },
    close(id) {
      const key = idKey(id);
      const method = methods.get(key);
      if (method !== undefined) methods.delete(key);
      return method;
    },
    methodOf: (id) => methods.get(idKey(id)),
    cancel(id) {
      const key = idKey(id);
      if (!methods.delete(key)) return;
      // Oldest first: a Set iterates in insertion order.
      if (cancelled.size >= MAX_CANCELLED) cancelled.delete(cancelled.values().next().value as string);
      cancelled.add(key);
    },
    wasCancelled: (id) => cancelled.delete(idKey(id)),
  };
}
