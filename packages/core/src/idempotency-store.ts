import { canonicalize } from "./canonical-json.js";
import { sha256Hex } from "./hash.js";

/** A store's hold on a key, from `begin`; only the holder completes or fails it. */
export interface IdempotencyClaim {
  readonly key: string;
  /** Unique per claim, so that a stale claim (already released) changes nothing. */
  readonly token: string;
}

/** Answer of {@link IdempotencyStore.begin}. */
export type IdempotencyBegin<T = unknown> =
  /** First use of the key: the caller holds `claim` and must `complete` or `fail` it. */
  | { readonly state: "new"; readonly claim: IdempotencyClaim }
  /** The key already completed with the same arguments: return `result`, do not run again. */
  | { readonly state: "replay"; readonly result: T }
  /** The key was used with different arguments (completed or still running). */
  | { readonly state: "conflict"; readonly reason: "idempotency_conflict" }
  /** Another call with this key is still running after the bounded wait. */
  | { readonly state: "in_flight" }
  /** A new key cannot be recorded: refuse the call rather than run it unrecorded. */
  | { readonly state: "full"; readonly reason: "idempotency_store_full" };

/** How long a completed result is replayed. */
export interface IdempotencyCompletion {
  /** Milliseconds from completion, judged by the store's clock; positive and finite. */
  readonly ttlMs: number;
}

/**
 * Idempotency records for side-effecting calls: at most one run per key. Every implementation
 * (in memory, Redis, …) passes the same contract suite and keeps these semantics:
 *
 * - A claim does not expire and is never evicted while its call runs; only `complete` or `fail`
 *   with that claim ends it. A durable store, which outlives the process, holds a claim as a lease
 *   the claimant keeps renewing while the call runs; only a lease that lapsed (its process died)
 *   may be claimed again. Renewal belongs to the adapter, not to its callers.
 * - A completed result is replayed for exactly `ttlMs` from completion; then the key is new again.
 * - `complete` and `fail` with a stale claim (released, or the key claimed again) change nothing.
 * - When the store cannot take a new key it answers `full`; it never evicts a claim or a result
 *   within its TTL to make room. Results past their TTL may go at any time.
 * - Keys are opaque strings; the caller namespaces them (tenant, node).
 * - A `begin` that throws or rejects means the store could not answer: callers fail closed.
 */
export interface IdempotencyStore<T = unknown> {
  /**
   * Claims `key` for a call whose arguments digest to `argsDigest` (see {@link digestArgs}). A
   * duplicate of a running call waits (bounded) for its result.
   */
  begin(key: string, argsDigest: string): Promise<IdempotencyBegin<T>>;
  /** Records the result of the call that holds `claim`, to be replayed for `ttlMs`. */
  complete(claim: IdempotencyClaim, result: T, completion: IdempotencyCompletion): Promise<void>;
  /** Releases `claim` after its call failed, so that a retry runs again. */
  fail(claim: IdempotencyClaim): Promise<void>;
}

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
