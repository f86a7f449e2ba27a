import { Sec0Error } from "@sec0/core";
import { cartDigest } from "./ap2-digests.js";
import { decodeMandate } from "./decode-mandate.js";

/**
 * The idempotency key a client must send with an AP2 cart mandate: the digest of the cart payload
 * (`sha256Hex(canonicalize(payload))`), which the gateway recomputes from the verified mandate.
 *
 * @throws {Sec0Error} `GATEWAY_AP2_MANDATE_INVALID` for a mandate that cannot be decoded.
 * @example
 * const idempotencyKey = ap2IdempotencyKey(cartJws); // 64 hex characters
 */
export function ap2IdempotencyKey(cartMandate: string | Readonly<Record<string, unknown>>): string {
  const decoded = decodeMandate(cartMandate);
  if (decoded === undefined) {
    throw new Sec0Error(
      "GATEWAY_AP2_MANDATE_INVALID",
      "The cart mandate is not a compact JWS with a JSON-object payload nor a JSON object (duplicate member names are refused). Pass the cart exactly as signed.",
      { details: { field: "cart" } },
    );
  }
  return cartDigest(decoded.payload);
}
