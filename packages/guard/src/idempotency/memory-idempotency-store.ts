import { type Clock, type IdempotencyBegin, type IdempotencyStore, Sec0Error, systemClock } from "@sec0/core";

/** Options of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** How long a completed result is replayed (default 1 800 000 ms, the gateway's dedupe TTL). */
  readonly ttlMs?: number;
  /** How long an unfinished claim blocks its key before it is considered abandoned (default 60 000 ms). */
  readonly inFlightTtlMs?: number;
  /** Records kept at most (default 10 000); the least recently used goes first. */
  readonly maxEntries?: number;
  /** How long a duplicate waits for a running call's result (default 2000 ms). */
  readonly waitMs?: number;
  readonly clock?: Clock;
}

interface Entry<T> {
  readonly digest: string;
  state: "in_flight" | "done";
  result: T | undefined;
  expiresAt: number;
  readonly waiters: Set<() => void>;
}

/** Expired records examined per insert when the store is full. */
const EXPIRED_SCAN_LIMIT = 64;

/**
 * Creates an in-memory {@link IdempotencyStore} with TTLs, a bounded size (least recently used
 * evicted first) and an injected clock. Results are stored and replayed as structured clones, so
 * later changes to a returned object do not alter the record.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for a negative or non-finite option.
 * @example
 * const store = createMemoryIdempotencyStore({ ttlMs: 60_000 });
 * const claim = await store.begin("run-1:write", digestArgs({ path: "/a" }));
 */
export function createMemoryIdempotencyStore<T = unknown>(
  options: MemoryIdempotencyStoreOptions = {},
): IdempotencyStore<T> {
  const ttlMs = option(options, "ttlMs", 1_800_000);
  const inFlightTtlMs = option(options, "inFlightTtlMs", 60_000);
  const maxEntries = Math.max(1, Math.floor(option(options, "maxEntries", 10_000)));
  const waitMs = option(options, "waitMs", 2000);
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, Entry<T>>();

  const live = (key: string): Entry<T> | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (clock.now() < entry.expiresAt) return entry;
    remove(key, entry);
    return undefined;
  };

  const remove = (key: string, entry: Entry<T>): void => {
    if (entries.get(key) === entry) entries.delete(key);
    for (const wake of entry.waiters) wake();
    entry.waiters.clear();
  };

  const claim = (key: string, digest: string): IdempotencyBegin<T> => {
    if (entries.size >= maxEntries) evict();
    entries.set(key, {
      digest,
      state: "in_flight",
      result: undefined,
      expiresAt: clock.now() + inFlightTtlMs,
      waiters: new Set(),
    });
    return { state: "new" };
  };

  const evict = (): void => {
    let scanned = 0;
    for (const [key, entry] of entries) {
      if (scanned++ >= EXPIRED_SCAN_LIMIT || entries.size < maxEntries) break;
      if (clock.now() >= entry.expiresAt) remove(key, entry);
    }
    // Still full: drop the least recently used record (Map order = insertion or last replay).
    while (entries.size >= maxEntries) {
      const first = entries.entries().next();
      if (first.done === true) break;
      remove(first.value[0], first.value[1]);
    }
  };

  /** The answer for `key` now, or the running entry to wait for. */
  const settle = (key: string, digest: string): { answer: IdempotencyBegin<T> } | { running: Entry<T> } => {
    const entry = live(key);
    if (entry === undefined) return { answer: claim(key, digest) };
    if (entry.digest !== digest) return { answer: { state: "conflict", reason: "idempotency_conflict" } };
    if (entry.state === "in_flight") return { running: entry };
    entries.delete(key); // re-insert: the most recently used goes last
    entries.set(key, entry);
    return { answer: { state: "replay", result: cloneResult(entry.result as T) } };
  };

  return {
    async begin(key, argsDigest) {
      const first = settle(key, argsDigest);
      if ("answer" in first) return first.answer;
      if (waitMs <= 0) return { state: "in_flight" };
      await waitFor(first.running, waitMs);
      // One re-check only: the first call finished (replay), failed (claim it) or is still running.
      const second = settle(key, argsDigest);
      return "answer" in second ? second.answer : { state: "in_flight" };
    },

    async complete(key, result) {
      const entry = live(key);
      if (entry === undefined || entry.state !== "in_flight") return;
      entry.state = "done";
      entry.result = cloneResult(result);
      entry.expiresAt = clock.now() + ttlMs;
      for (const wake of entry.waiters) wake();
      entry.waiters.clear();
    },

    async fail(key) {
      const entry = entries.get(key);
      if (entry !== undefined && entry.state === "in_flight") remove(key, entry);
    },
  };
}

function waitFor(entry: Entry<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      entry.waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    entry.waiters.add(done);
  });
}

function cloneResult<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value; // functions and other uncloneable values are kept by reference
  }
}

function option(
  options: MemoryIdempotencyStoreOptions,
  name: keyof MemoryIdempotencyStoreOptions,
  fallback: number,
): number {
  const value = options[name] ?? fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new Sec0Error(
      "GUARD_CONFIG_INVALID",
      `Idempotency store option ${name} must be a non-negative number of ${name === "maxEntries" ? "entries" : "milliseconds"}; got ${String(value)}.`,
      { details: { field: name } },
    );
  }
  return value;
}
