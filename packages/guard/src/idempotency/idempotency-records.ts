import type { Clock, IdempotencyBegin, IdempotencyClaim } from "@sec0/core";

/** A claim whose call is still running; duplicates wait on `waiters`. */
export interface RunningRecord {
  readonly state: "in_flight";
  readonly digest: string;
  readonly token: string;
  readonly waiters: Set<() => void>;
}

interface DoneRecord {
  readonly state: "done";
  readonly digest: string;
  readonly result: unknown;
  readonly expiresAt: number;
  readonly ttlMs: number;
}

/** What {@link IdempotencyRecords.settle} found: an answer now, or a running call to wait for. */
export type Settled<T> = { readonly answer: IdempotencyBegin<T> } | { readonly running: RunningRecord };

/** The bounded table behind the memory store: claims and results, never evicted early. */
export interface IdempotencyRecords {
  settle<T>(key: string, digest: string): Settled<T>;
  /** Turns `held` into a result kept for `ttlMs`; a stale claim changes nothing. */
  complete(held: IdempotencyClaim, result: unknown, ttlMs: number): void;
  /** Drops `held`; a stale claim changes nothing. */
  release(held: IdempotencyClaim): void;
}

/**
 * Creates the record table of the memory store. Results are indexed by TTL, each index in
 * completion order, which for one TTL is also expiry order: expired results are dropped as new
 * keys arrive (O(1) amortised), and a claim is dropped only by `complete` or `release`.
 */
export function createIdempotencyRecords(capacity: number, clock: Clock): IdempotencyRecords {
  const records = new Map<string, RunningRecord | DoneRecord>();
  const byTtl = new Map<number, Map<string, DoneRecord>>();
  let tokens = 0;

  const drop = (key: string, done: DoneRecord): void => {
    if (records.get(key) === done) records.delete(key);
    byTtl.get(done.ttlMs)?.delete(key);
  };

  /** The live record of `key`: an expired result is dropped on sight. */
  const live = (key: string): RunningRecord | DoneRecord | undefined => {
    const record = records.get(key);
    if (record?.state !== "done" || clock.now() < record.expiresAt) return record;
    drop(key, record);
    return undefined;
  };

  const reap = (): void => {
    const now = clock.now();
    for (const [ttlMs, results] of byTtl) {
      for (const [key, done] of results) {
        if (now < done.expiresAt) break;
        drop(key, done);
      }
      if (results.size === 0) byTtl.delete(ttlMs);
    }
  };

  const claim = <T>(key: string, digest: string): IdempotencyBegin<T> => {
    reap();
    if (records.size >= capacity) return { state: "full", reason: "idempotency_store_full" };
    const token = String(++tokens);
    records.set(key, { state: "in_flight", digest, token, waiters: new Set() });
    return { state: "new", claim: { key, token } };
  };

  const heldBy = (held: IdempotencyClaim): RunningRecord | undefined => {
    const record = records.get(held.key);
    return record?.state === "in_flight" && record.token === held.token ? record : undefined;
  };

  return {
    settle<T>(key: string, digest: string): Settled<T> {
      const record = live(key);
      if (record === undefined) return { answer: claim<T>(key, digest) };
      if (record.digest !== digest) return { answer: { state: "conflict", reason: "idempotency_conflict" } };
      if (record.state === "in_flight") return { running: record };
      return { answer: { state: "replay", result: cloneResult(record.result as T) } };
    },

    complete(held, result, ttlMs) {
      const running = heldBy(held);
      if (running === undefined) return;
      const done: DoneRecord = {
        state: "done",
        digest: running.digest,
        result: cloneResult(result),
        expiresAt: clock.now() + ttlMs,
        ttlMs,
      };
      records.set(held.key, done);
      let results = byTtl.get(ttlMs);
      if (results === undefined) {
        results = new Map();
        byTtl.set(ttlMs, results);
      }
      results.delete(held.key); // re-inserted last: completion order
      results.set(held.key, done);
      wake(running);
    },

    release(held) {
      const running = heldBy(held);
      if (running === undefined) return;
      records.delete(held.key);
      wake(running);
    },
  };
}

function wake(running: RunningRecord): void {
  for (const waiter of running.waiters) waiter();
  running.waiters.clear();
}

function cloneResult<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value; // functions and other uncloneable values are kept by reference
  }
}
