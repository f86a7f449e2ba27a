import { useEffect, useRef } from "preact/hooks";
import { isAbort } from "./is-abort.js";

/** What a request started by {@link useLatestRequest} reports back. */
export interface LatestRequestHandlers<T> {
  readonly done: (value: T) => void;
  /** A failure other than the abort of a superseded (or unmounted) request. */
  readonly failed: (error: unknown) => void;
  /** After `done` or `failed`, and after an abort, only while this is still the latest request. */
  readonly settled?: () => void;
}

/**
 * One request at a time for a component: starting one aborts the one before, an aborted request
 * reports nothing but `settled` (and that only if no newer one started), and unmounting aborts
 * the last.
 *
 * @example
 * const latest = useLatestRequest();
 * void latest((signal) => api.json({ path: "/api/audit/logs", signal }), { done: setLogs, failed: setError });
 */
export function useLatestRequest(): <T>(
  send: (signal: AbortSignal) => Promise<T>,
  handlers: LatestRequestHandlers<T>,
) => Promise<void> {
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);
  return async (send, handlers) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    try {
      handlers.done(await send(current.signal));
    } catch (error) {
      if (!isAbort(error)) handlers.failed(error);
    } finally {
      if (controller.current === current) handlers.settled?.();
    }
  };
}
