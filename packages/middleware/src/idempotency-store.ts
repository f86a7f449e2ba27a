import { type Clock, canonicalize, Sec0Error, sha256Hex, systemClock } from "@sec0/core";

/** Answer of {@link IdempotencyStore.begin}. */
export type IdempotencyBegin<T = unknown> =
  /** First use of the key: the caller owns it and must call `complete` or `fail`. */
  | { readonly state: "new" }
  /** The key already completed with the same arguments: return `result`, do not run again. */
  | { readonly state: "replay"; readonly result: T }
  /** The key was used with different arguments. */
  | { readonly state: "conflict"; readonly reason: "idempotency_conflict" }
  /** Another call with this key is still running after the bounded wait. */
  | { readonly state: "in_flight" };

/**
 * Idempotency records for side-effecting calls. In-memory here; a shared (Redis) store implements
 * the same interface so that replicas agree.
 */
export interface IdempotencyStore<T = unknown> {
  /**
   * Claims `key` for a call whose arguments digest to `argsDigest` (see {@link digestArgs}). A
   * duplicate of a running call waits (bounded) for its result.
   */
  begin(key: string, argsDigest: string): Promise<IdempotencyBegin<T>>;
  /** Records the result of the call that got `{state: "new"}`. */
  complete(key: string, result: T): Promise<void>;
  /** Releases the key after the call failed, so that a retry runs again. */
  fail(key: string): Promise<void>;
}

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
 * Digest of a call's arguments for idempotency: `sha256Hex(canonicalize(args ?? {}))`, so key order
 * does not matter.
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` for arguments that are not JSON.
 * @example
 * digestArgs({ b: 1, a: 2 }) === digestArgs({ a: 2, b: 1 }); // true
 */
export function digestArgs(args: unknown): string {
  return sha256Hex(canonicalize(args ?? {}));
}

/**
 * Creates an in-memory {@link IdempotencyStore} with TTLs, a bounded size (least recently used
 * evicted first) and an injected clock. Results are stored and replayed as structured clones, so
 * later changes to a returned object do not alter the record.
 *
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` for a negative or non-finite option.
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
      "MIDDLEWARE_CONFIG_INVALID",
      `Idempotency store option ${name} must be a non-negative number of ${name === "maxEntries" ? "entries" : "milliseconds"}; got ${String(value)}.`,
      { details: { field: name } },
    );
  }
  return value;
}
