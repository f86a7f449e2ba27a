import { type Clock, type IdempotencyStore, systemClock } from "@sec0/core";
import { guardConfigError } from "../config-error.js";
import { checkResultTtl } from "./check-result-ttl.js";
import { createIdempotencyRecords, type RunningRecord } from "./idempotency-records.js";

/** Options of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /**
   * Records held at most: running calls plus results within their TTL (default 100 000). When
   * full, a new key is answered `full` (the engine refuses the call); nothing is evicted early.
   */
  readonly capacity?: number;
  /** How long a duplicate waits for a running call's result (default 2000 ms). */
  readonly waitMs?: number;
  /** Judges result TTLs (default the system clock). */
  readonly clock?: Clock;
}

const REMOVED_OPTIONS: Readonly<Record<string, string>> = {
  ttlMs: "a result's TTL is passed to complete(); the engine takes it from side_effects.idempotency_ttl",
  inFlightTtlMs: "a running call's claim never expires: it ends only when the call completes or fails",
  maxEntries: "use capacity: a full store refuses new keys instead of evicting records",
};

/**
 * Creates an in-memory {@link IdempotencyStore} (one process) that keeps the port's contract: a
 * claim lasts until its call completes or fails, a result is replayed for exactly the TTL given to
 * `complete`, and a full store answers `full` rather than forget anything. Results are stored and
 * replayed as structured clones.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unusable or removed option; `complete`
 *   rejects with it for a `ttlMs` that is not a positive, finite number.
 * @example
 * const store = createMemoryIdempotencyStore({ capacity: 50_000 });
 * const answer = await store.begin("acme|planner|run-1:write", digestArgs({ path: "/a" }));
 */
export function createMemoryIdempotencyStore<T = unknown>(
  options: MemoryIdempotencyStoreOptions = {},
): IdempotencyStore<T> {
  for (const name of Object.keys(options)) {
    const hint = REMOVED_OPTIONS[name];
    if (hint !== undefined)
      throw guardConfigError(name, `Idempotency store option ${name} was removed: ${hint}.`);
  }
  const capacity = option(options.capacity, "capacity", 100_000, true);
  const waitMs = option(options.waitMs, "waitMs", 2000, false);
  const records = createIdempotencyRecords(capacity, options.clock ?? systemClock);
  return {
    async begin(key, argsDigest) {
      const first = records.settle<T>(key, argsDigest);
      if ("answer" in first) return first.answer;
      if (waitMs <= 0) return { state: "in_flight" };
      await waitFor(first.running, waitMs);
      // One re-check only: the first call finished (replay), failed (claim it) or is still running.
      const second = records.settle<T>(key, argsDigest);
      return "answer" in second ? second.answer : { state: "in_flight" };
    },
    async complete(held, result, completion) {
      const ttlMs = checkResultTtl(completion);
      records.complete(held, result, ttlMs);
    },
    async fail(held) {
      records.release(held);
    },
  };
}

function waitFor(running: RunningRecord, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      running.waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    running.waiters.add(done);
  });
}

function option(value: unknown, name: string, fallback: number, isCount: boolean): number {
  const resolved = value ?? fallback;
  const valid =
    typeof resolved === "number" &&
    Number.isFinite(resolved) &&
    (isCount ? Number.isInteger(resolved) && resolved >= 1 : resolved >= 0);
  if (!valid) {
    const expected = isCount
      ? "a whole number of records, at least 1"
      : "a non-negative number of milliseconds";
    throw guardConfigError(
      name,
      `Idempotency store option ${name} must be ${expected}; got ${String(resolved)}.`,
    );
  }
  return resolved as number;
}
