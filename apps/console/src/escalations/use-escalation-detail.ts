import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient } from "../api/api-client.js";
import { ApiError } from "../api/api-error.js";
import { isAbort } from "../api/is-abort.js";
import { fetchEscalation, fetchVotes, LONG_POLL_WAIT } from "./escalation-api.js";
import { type EscalationRecord, type EscalationVote, isFinal } from "./escalation-types.js";
import { latestRecord, sameRecord } from "./latest-record.js";
import { sleep } from "./sleep.js";

/** How long the detail waits after a failed read before it reads again. */
export const RETRY_MS = 2000;

/** What the detail knows of one escalation and its votes. */
export interface DetailState {
  readonly loading: boolean;
  readonly escalation?: EscalationRecord;
  readonly votes?: readonly EscalationVote[];
  /** The last failed read of the escalation (cleared by the next good one). */
  readonly error?: unknown;
  readonly votesError?: unknown;
  /** Shows the escalation a vote answered with, and reads the votes again. */
  applyReply(escalation: EscalationRecord): void;
  /** Reads the escalation and its votes once more, now (after a vote the server refused). */
  refresh(): void;
}

/** A failure a retry will not mend: the escalation is not there, or the key may not read it. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![408, 429].includes(error.status)
  );
}

/**
 * Reads escalation `id`, then keeps it fresh while it is pending with long-polls
 * (`?wait=25s`, one after the other) until it is decided; a failed read is retried after
 * {@link RETRY_MS} (not a 4xx one, which will not mend). The votes are read again whenever the
 * escalation changes. Everything in flight is aborted on unmount or a new id.
 */
export function useEscalationDetail(api: ApiClient, id: string): DetailState {
  const [escalation, setEscalation] = useState<EscalationRecord | undefined>(undefined);
  const [votes, setVotes] = useState<readonly EscalationVote[] | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [votesError, setVotesError] = useState<unknown>(undefined);
  const latest = useRef<EscalationRecord | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  const show = useCallback((incoming: EscalationRecord): EscalationRecord => {
    const next = latestRecord(latest.current, incoming);
    latest.current = next;
    setEscalation(next);
    return next;
  }, []);

  const loadVotes = useCallback(
    async (signal: AbortSignal): Promise<void> => {
      try {
        const read = await fetchVotes(api, id, signal);
        if (signal.aborted) return;
        setVotes(read);
        setVotesError(undefined);
      } catch (failure) {
        if (!signal.aborted && !isAbort(failure)) setVotesError(failure);
      }
    },
    [api, id],
  );

  useEffect(() => {
    const mine = new AbortController();
    controller.current = mine;
    const { signal } = mine;
    latest.current = undefined;
    setEscalation(undefined);
    setVotes(undefined);
    setLoading(true);
    setError(undefined);
    const follow = async (): Promise<void> => {
      let wait: string | undefined;
      while (!signal.aborted) {
        try {
          const incoming = await fetchEscalation(api, id, { wait, signal });
          if (signal.aborted) return;
          const changed = !sameRecord(latest.current, incoming);
          const shown = show(incoming);
          setLoading(false);
          setError(undefined);
          if (changed) void loadVotes(signal);
          if (isFinal(shown.status)) return;
          wait = LONG_POLL_WAIT;
        } catch (failure) {
          if (signal.aborted || isAbort(failure)) return;
          setLoading(false);
          setError(failure);
          if (isPermanent(failure)) return;
          await sleep(RETRY_MS, signal);
        }
      }
    };
    void follow();
    return () => mine.abort();
  }, [api, id, show, loadVotes]);

  const applyReply = useCallback(
    (reply: EscalationRecord) => {
      show(reply);
      const signal = controller.current?.signal;
      if (signal !== undefined) void loadVotes(signal);
    },
    [show, loadVotes],
  );

  const refresh = useCallback(() => {
    const signal = controller.current?.signal;
    if (signal === undefined) return;
    fetchEscalation(api, id, { signal })
      .then((read) => {
        if (!signal.aborted) show(read);
      })
      .catch((failure: unknown) => {
        if (!signal.aborted && !isAbort(failure)) setError(failure);
      });
    void loadVotes(signal);
  }, [api, id, show, loadVotes]);

  return { loading, escalation, votes, error, votesError, applyReply, refresh };
}
