import { digestArgs, type IdempotencyStore, Sec0Error } from "@sec0/core";

/** Outcome of {@link executeIdempotently}. */
export type IdempotentOutcome<T> =
  /** `run` ran; `recordError` is set when its result could not be recorded (the claim stays held). */
  | { readonly status: "executed"; readonly result: T; readonly recordError?: unknown }
  | { readonly status: "replayed"; readonly result: T }
  | { readonly status: "conflict"; readonly reason: "idempotency_conflict" }
  | { readonly status: "in_flight" }
  | { readonly status: "full"; readonly reason: "idempotency_store_full" }
  /** The store could not answer: `run` did not run (fail closed). */
  | { readonly status: "unavailable"; readonly error: unknown };

/** One call to run at most once. */
export interface IdempotentCall {
  /** The namespaced key (see `scopeIdempotencyKey`). */
  readonly key: string;
  readonly args: unknown;
  /** How long the result is replayed, in milliseconds. */
  readonly ttlMs: number;
}

/**
 * Runs `run` at most once per idempotency key: a replayed key returns the recorded result without
 * running it, the same key with different arguments (or still running) is a conflict, a full or
 * unreachable store does not run it, and a failure releases the key (the error is rethrown).
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` when `call.ttlMs` is not a positive, finite number
 *   (checked before anything runs).
 * @example
 * const outcome = await executeIdempotently(store, { key: "acme|planner|k-1", args, ttlMs: 86_400_000 }, () => handler(args));
 * if (outcome.status === "conflict") deny(outcome.reason);
 */
export async function executeIdempotently<T>(
  store: IdempotencyStore<T>,
  call: IdempotentCall,
  run: () => T | Promise<T>,
): Promise<IdempotentOutcome<T>> {
  if (!Number.isFinite(call.ttlMs) || call.ttlMs <= 0) {
    throw new Sec0Error(
      "GUARD_CONFIG_INVALID",
      `executeIdempotently needs a positive, finite ttlMs (how long a result is replayed); got ${String(call.ttlMs)}.`,
      { details: { field: "ttlMs" } },
    );
  }
  let answer: Awaited<ReturnType<IdempotencyStore<T>["begin"]>>;
  try {
    answer = await store.begin(call.key, digestArgs(call.args));
  } catch (error) {
    return { status: "unavailable", error };
  }
  switch (answer.state) {
    case "replay":
      return { status: "replayed", result: answer.result };
    case "conflict":
      return { status: "conflict", reason: answer.reason };
    case "in_flight":
      return { status: "in_flight" };
    case "full":
      return { status: "full", reason: answer.reason };
  }
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await store.fail(answer.claim).catch(() => undefined); // the tool's error is the one to report
    throw error;
  }
  try {
    await store.complete(answer.claim, result, { ttlMs: call.ttlMs });
  } catch (recordError) {
    // The side effect happened: return its result. The claim is not released, so a retry is refused
    // rather than run again (a durable store's lease lapses in time).
    return { status: "executed", result, recordError };
  }
  return { status: "executed", result };
}
