import { canonicalize, sha256Hex as coreSha256Hex, digestArgs } from "@sec0/core";
import { AP2_REASONS } from "./ap2-reasons.js";

/**
 * Canonical JSON of `value` (sorted keys, no whitespace): the text AP2 digests are taken over.
 * Byte-identical to 0.2.3's for plain JSON.
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` for cycles, bigints, non-finite numbers and
 * functions, which have no JSON form (0.2.3 silently wrote `null`, so two different values could
 * share a digest).
 * @example
 * canonicalizeJson({ b: 1, a: 2 }); // '{"a":2,"b":1}'
 */
export function canonicalizeJson(value: unknown): string {
  return canonicalize(value);
}

/**
 * Lower-case hex SHA-256 of a string (as UTF-8) or bytes.
 *
 * @example
 * sha256Hex("").slice(0, 8); // "e3b0c442"
 */
export function sha256Hex(data: string | Uint8Array): string {
  return coreSha256Hex(data);
}

/**
 * Digest of a call's arguments: `sha256Hex(canonicalizeJson(args ?? {}))`, as 0.2.3 computed it
 * and as the gateway compares a cart's `args` with. `""` when the arguments have no JSON form.
 *
 * @example
 * computeArgsDigest({ sku: "book-42" }).length; // 64
 */
export function computeArgsDigest(args: unknown): string {
  try {
    return digestArgs(args);
  } catch {
    return "";
  }
}

/** Result of {@link compareArgsToDigest}. */
export type ArgsDigestComparison =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: typeof AP2_REASONS.digestUnavailable | typeof AP2_REASONS.cartMismatch;
    };

/**
 * Checks a digest a caller was given (e.g. the `x-ap2-cart-sha256` header's args digest) against
 * the arguments actually used. No expected digest is `{ ok: true }`, as in 0.2.3; arguments
 * without a JSON form are `ap2_digest_unavailable`; a different digest is `ap2_cart_mismatch`.
 *
 * @example
 * compareArgsToDigest(computeArgsDigest(args), args); // { ok: true }
 */
export function compareArgsToDigest(
  expected: string | undefined | null,
  args: unknown,
): ArgsDigestComparison {
  const wanted = typeof expected === "string" ? expected.trim().toLowerCase() : "";
  if (wanted === "") return { ok: true };
  const actual = computeArgsDigest(args);
  if (actual === "") return { ok: false, reason: AP2_REASONS.digestUnavailable };
  return actual === wanted ? { ok: true } : { ok: false, reason: AP2_REASONS.cartMismatch };
}
