import { canonicalize, sha256Hex } from "@sec0/core";

/**
 * Digest of a whole cart payload, `sha256Hex(canonicalize(cart))` as in 0.2.3: the value the
 * idempotency key must equal.
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` for a payload that is not JSON.
 * @example
 * cartDigest({ id: "cart-1", total: 5 }).length; // 64
 */
export function cartDigest(cart: Readonly<Record<string, unknown>>): string {
  return sha256Hex(canonicalize(cart));
}

/**
 * Digest of an intent's `constraints` (an absent one digests as `{}`).
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` for constraints that are not JSON.
 * @example
 * constraintsDigest({ constraints: { max_amount: 100 } }).length; // 64
 */
export function constraintsDigest(intent: Readonly<Record<string, unknown>>): string {
  return sha256Hex(canonicalize(intent.constraints ?? {}));
}
