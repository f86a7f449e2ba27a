import { useEffect, useState } from "preact/hooks";
import type { ApiClient } from "../api/api-client.js";
import { isAbort } from "../api/is-abort.js";
import { fetchEscalations } from "./escalation-api.js";
import type { EscalationRecord, StatusFilter } from "./escalation-types.js";

/** How often the queue is read again (the list has no long-poll). */
export const QUEUE_REFRESH_MS = 5000;

/** What the queue knows: the last list read, and the last failure (kept until a read succeeds). */
export interface QueueState {
  readonly loading: boolean;
  readonly escalations?: readonly EscalationRecord[];
  readonly error?: unknown;
}

/**
 * Reads the escalations of `filter`, then again {@link QUEUE_REFRESH_MS} after each answer (never two
 * reads at once); a new filter starts over. The read in flight is aborted and the timer cleared on
 * unmount. A failed refresh keeps the last list on screen with the error.
 */
export function useEscalationQueue(api: ApiClient, filter: StatusFilter): QueueState {
  const [state, setState] = useState<QueueState>({ loading: true });
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ loading: true });
    const load = async (): Promise<void> => {
      try {
        const escalations = await fetchEscalations(api, filter, controller.signal);
        if (controller.signal.aborted) return;
        setState({ loading: false, escalations });
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((previous) => ({ ...previous, loading: false, error }));
      }
      timer = setTimeout(() => void load(), QUEUE_REFRESH_MS);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, filter]);
  return state;
}
