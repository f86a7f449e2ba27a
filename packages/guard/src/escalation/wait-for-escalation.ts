import { isSec0Error } from "@sec0/core";
import { type EscalationStatusResult, isEscalationTerminal } from "@sec0/core/contracts";
import { controlPlaneFailureOf } from "@sec0/core/control-plane";
import {
  GuardConfigError,
  GuardEscalationAbortError,
  GuardEscalationError,
} from "../app-guard/guard-errors.js";

/** An escalation as read from the control plane, with its approval token when the key may see it. */
export interface EscalationState extends EscalationStatusResult {
  /** The unused approval token of an approved escalation (control plane replies `approval_token`), when the key may see it. */
  readonly approvalToken?: string;
  readonly approvalTokenExpiresAt?: string;
}

/** How long and how patiently {@link waitForEscalation} waits. */
export interface EscalationWaitOptions {
  /** Total wait in ms (default 600 000); then the resolution is `timeout`, never an approval. */
  readonly timeoutMs?: number;
  /** First pause between reads when the server does not long-poll (default 2000; ×1.5 per pause, ≤ 15 s). */
  readonly pollIntervalMs?: number;
  /** Failed reads in a row that are retried (default 3); the next failure throws. */
  readonly maxRetries?: number;
  /** Linear backoff step of the retries: the n-th retry in a row waits n × step ms (default 250). */
  readonly retryBackoffMs?: number;
  readonly signal?: AbortSignal;
  readonly tenant?: string;
}

/** How a wait ended: a human's verdict, the escalation's expiry, or the wait's own timeout. */
export interface EscalationResolution {
  readonly escalationId: string;
  readonly status: "approved" | "rejected" | "expired" | "timeout";
  /** The last state read. */
  readonly details?: EscalationState;
  readonly metadata: {
    attempts: number;
    retryCount: number;
    startedAt: string;
    resolvedAt: string;
    elapsedMs: number;
    lastKnownStatus?: string;
    finalizationReason?: string;
  };
}

/** One read of an escalation, as the wait asks for it. */
export interface EscalationRead {
  readonly tenant: string | undefined;
  /** Long-poll for up to this many ms (0: answer at once). */
  readonly waitMs: number;
  readonly signal: AbortSignal | undefined;
}

/** What the wait loop needs: a read, a clock and an abortable pause. */
export interface EscalationWaitDeps {
  read(id: string, read: EscalationRead): Promise<EscalationState>;
  now(): number;
  /** Resolves after `ms`, rejects as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /** Ask the server to hold each read (`?wait=`); default true. */
  readonly longPoll: boolean;
}

/** {@link EscalationWaitOptions} with the defaults applied. */
export interface ResolvedEscalationWaitOptions {
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly signal: AbortSignal | undefined;
  readonly tenant: string | undefined;
}

/** Defaults of {@link EscalationWaitOptions}. */
export const ESCALATION_WAIT_DEFAULTS = Object.freeze({
  timeoutMs: 600_000,
  pollIntervalMs: 2000,
  maxRetries: 3,
  retryBackoffMs: 250,
});

/** Longest `?wait=` a read asks for; the control plane holds up to 60 s. */
export const MAX_LONG_POLL_MS = 30_000;
/** Longest pause between reads of a server that does not long-poll. */
export const MAX_POLL_PAUSE_MS = 15_000;
const POLL_GROWTH = 1.5;

/**
 * Applies the defaults of {@link EscalationWaitOptions} and checks the numbers.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` naming the field that is not a usable number.
 * @example
 * resolveEscalationWaitOptions({ timeoutMs: 30_000 }).pollIntervalMs; // 2000
 */
export function resolveEscalationWaitOptions(
  options: EscalationWaitOptions = {},
): ResolvedEscalationWaitOptions {
  const resolved = {
    timeoutMs: options.timeoutMs ?? ESCALATION_WAIT_DEFAULTS.timeoutMs,
    pollIntervalMs: options.pollIntervalMs ?? ESCALATION_WAIT_DEFAULTS.pollIntervalMs,
    maxRetries: options.maxRetries ?? ESCALATION_WAIT_DEFAULTS.maxRetries,
    retryBackoffMs: options.retryBackoffMs ?? ESCALATION_WAIT_DEFAULTS.retryBackoffMs,
    signal: options.signal,
    tenant: options.tenant,
  };
  check("timeoutMs", Number.isFinite(resolved.timeoutMs) && resolved.timeoutMs >= 0, "a number of ms ≥ 0");
  check(
    "pollIntervalMs",
    Number.isFinite(resolved.pollIntervalMs) && resolved.pollIntervalMs > 0,
    "a positive number of ms",
  );
  check(
    "maxRetries",
    Number.isInteger(resolved.maxRetries) && resolved.maxRetries >= 0,
    "a whole number ≥ 0",
  );
  check(
    "retryBackoffMs",
    Number.isFinite(resolved.retryBackoffMs) && resolved.retryBackoffMs >= 0,
    "a number of ms ≥ 0",
  );
  return resolved;
}

/**
 * The `?wait=` value for a long-poll of up to `ms` (capped at `maxMs`, default 30 s): whole
 * seconds (`30s`) from one second on, else milliseconds (`500ms`); `undefined` for no wait.
 * Returns the ms it stands for.
 *
 * @example
 * longPollParam(42_500); // { param: "30s", ms: 30000 }
 * longPollParam(500); // { param: "500ms", ms: 500 }
 */
export function longPollParam(
  ms: number,
  maxMs: number = MAX_LONG_POLL_MS,
): { readonly param: string | undefined; readonly ms: number } {
  const capped = Math.min(Math.max(Math.floor(ms), 0), maxMs);
  if (capped <= 0) return { param: undefined, ms: 0 };
  if (capped < 1000) return { param: `${capped}ms`, ms: capped };
  const seconds = Math.floor(capped / 1000);
  return { param: `${seconds}s`, ms: seconds * 1000 };
}

/**
 * Reads an escalation until it is approved, rejected or expired, or until `timeoutMs` passes after
 * a read that found it pending (`status: "timeout"`: a timeout never means approve). Each read asks
 * the server to hold it (long-poll); a server that answers much faster than asked is polled with
 * pauses of `pollIntervalMs`, ×1.5 per pause up to 15 s, never past the deadline. A failed read is
 * retried after `retryBackoffMs × failures in a row`, at most `maxRetries` times in a row.
 *
 * @throws {GuardEscalationError} `GUARD_ESCALATION_FAILED` after `maxRetries + 1` failed reads in
 *   a row; `details` has `escalationId`, `attempts` and the last error's `code` (never a key).
 * @throws {GuardEscalationAbortError} `GUARD_ESCALATION_ABORTED` as soon as `signal` aborts
 *   (before, during a read or during a pause).
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` for an empty id or an unusable option.
 * @example
 * const resolution = await waitForEscalation("esc_1", { timeoutMs: 60_000 }, deps);
 * if (resolution.status !== "approved") refuse();
 */
export async function waitForEscalation(
  id: string,
  options: EscalationWaitOptions | ResolvedEscalationWaitOptions,
  deps: EscalationWaitDeps,
): Promise<EscalationResolution> {
  if (typeof id !== "string" || id.length === 0)
    throw new GuardConfigError("id", "The escalation id to wait for must be a non-empty string.");
  const settings = resolveEscalationWaitOptions(options);
  const { signal } = settings;
  const startedAt = deps.now();
  const deadline = startedAt + settings.timeoutMs;
  let attempts = 0;
  let retryCount = 0;
  let failures = 0;
  let pauses = 0;
  let last: EscalationState | undefined;
  const aborted = () =>
    new GuardEscalationAbortError(`The wait for escalation ${id} was aborted; the action did not run.`, {
      escalationId: id,
      attempts,
    });
  const pause = async (ms: number) => {
    try {
      await deps.sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      throw error;
    }
  };
  const finish = (status: EscalationResolution["status"]): EscalationResolution => {
    const resolvedAt = deps.now();
    return {
      escalationId: id,
      status,
      ...(last === undefined ? {} : { details: last }),
      metadata: {
        attempts,
        retryCount,
        startedAt: new Date(startedAt).toISOString(),
        resolvedAt: new Date(resolvedAt).toISOString(),
        elapsedMs: Math.max(0, resolvedAt - startedAt),
        ...(last === undefined ? {} : { lastKnownStatus: last.status }),
        ...(last?.finalizationReason === undefined ? {} : { finalizationReason: last.finalizationReason }),
      },
    };
  };

  for (;;) {
    if (signal?.aborted) throw aborted();
    const wait = deps.longPoll ? longPollParam(deadline - deps.now()) : longPollParam(0);
    const readStartedAt = deps.now();
    attempts += 1;
    let state: EscalationState;
    try {
      state = await deps.read(id, { tenant: settings.tenant, waitMs: wait.ms, signal });
    } catch (error) {
      if (signal?.aborted) throw aborted();
      failures += 1;
      if (failures > settings.maxRetries) throw readFailed(id, attempts, failures, error);
      retryCount += 1;
      await pause(settings.retryBackoffMs * failures);
      continue;
    }
    failures = 0;
    last = state;
    if (isEscalationTerminal(state.status))
      return finish(state.status as "approved" | "rejected" | "expired");
    const readAt = deps.now();
    if (readAt - startedAt >= settings.timeoutMs) return finish("timeout");
    if (wait.ms === 0 || readAt - readStartedAt < wait.ms / 2) {
      // The server answered at once (no long-poll): pause before the next read, growing.
      const grown = Math.min(settings.pollIntervalMs * POLL_GROWTH ** pauses, MAX_POLL_PAUSE_MS);
      pauses += 1;
      await pause(Math.max(0, Math.min(grown, deadline - readAt)));
    }
  }
}

function readFailed(id: string, attempts: number, failures: number, error: unknown): GuardEscalationError {
  const code = isSec0Error(error) ? error.code : "UNKNOWN";
  const status = controlPlaneFailureOf(error)?.status;
  return new GuardEscalationError(
    `Reading escalation ${id} failed ${failures} times in a row (${code}); the action did not run. ` +
      "Check that the control plane is reachable and that the API key may read the escalation.",
    {
      details: { escalationId: id, attempts, code, ...(status === undefined ? {} : { status }) },
      ...(isSec0Error(error) ? { cause: error } : {}),
    },
  );
}

function check(field: string, ok: boolean, expected: string): void {
  if (!ok) throw new GuardConfigError(field, `The escalation wait option ${field} must be ${expected}.`);
}
