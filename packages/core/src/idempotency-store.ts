import { canonicalize } from "./canonical-json.js";
import { sha256Hex } from "./hash.js";

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
