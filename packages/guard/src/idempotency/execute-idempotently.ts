import { digestArgs, type IdempotencyStore } from "@sec0/core";

/** Outcome of {@link executeIdempotently}. */
export type IdempotentOutcome<T> =
  | { readonly status: "executed"; readonly result: T }
  | { readonly status: "replayed"; readonly result: T }
  | { readonly status: "conflict"; readonly reason: "idempotency_conflict" }
  | { readonly status: "in_flight" };

/**
 * Runs `run` at most once per idempotency key: a replayed key returns the recorded result without
 * running it, the same key with different arguments is a conflict, and a failure releases the key
 * (the error is rethrown).
 *
 * @example
 * const outcome = await executeIdempotently(store, { key: "run-1:write", args }, () => handler(args));
 * if (outcome.status === "conflict") deny(outcome.reason);
 */
export async function executeIdempotently<T>(
  store: IdempotencyStore<T>,
  call: { readonly key: string; readonly args: unknown },
  run: () => T | Promise<T>,
): Promise<IdempotentOutcome<T>> {
  const claim = await store.begin(call.key, digestArgs(call.args));
  if (claim.state === "replay") return { status: "replayed", result: claim.result };
  if (claim.state === "conflict") return { status: "conflict", reason: claim.reason };
  if (claim.state === "in_flight") return { status: "in_flight" };
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await store.fail(call.key);
    throw error;
  }
  await store.complete(call.key, result);
  return { status: "executed", result };
}
