import { Sec0Error } from "@sec0/core";
import { AP2_HEADERS, IDEMPOTENCY_KEY_HEADER } from "@sec0/core/contracts";
import { ap2IdempotencyKey } from "./ap2-idempotency-key.js";
import { decodeMandate } from "./decode-mandate.js";

/** Mandates to send: compact JWS text, or a JSON object (unsigned, for observe mode only). */
export interface Ap2MandatesInput {
  readonly intent: string | Readonly<Record<string, unknown>>;
  readonly cart: string | Readonly<Record<string, unknown>>;
}

/**
 * The headers a client sends with an AP2-covered call: both mandates and the matching
 * idempotency key. A JSON-object mandate is sent as base64url JSON so the header stays ASCII.
 *
 * @throws {Sec0Error} `GATEWAY_AP2_MANDATE_INVALID` naming the mandate that cannot be decoded.
 * @example
 * const headers = buildAp2Headers({ intent: intentJws, cart: cartJws });
 * await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
 */
export function buildAp2Headers(input: Ap2MandatesInput): Record<string, string> {
  return {
    [AP2_HEADERS.intentMandate]: headerValue(input.intent, "intent"),
    [AP2_HEADERS.cartMandate]: headerValue(input.cart, "cart"),
    [IDEMPOTENCY_KEY_HEADER]: ap2IdempotencyKey(input.cart),
  };
}

function headerValue(mandate: string | Readonly<Record<string, unknown>>, field: "intent" | "cart"): string {
  const decoded = decodeMandate(mandate);
  if (decoded === undefined) {
    throw new Sec0Error(
      "GATEWAY_AP2_MANDATE_INVALID",
      `The ${field} mandate is not a compact JWS with a JSON-object payload nor a JSON object (duplicate member names are refused). Pass it exactly as signed.`,
      { details: { field } },
    );
  }
  if (decoded.kind === "jws") return decoded.compact;
  return Buffer.from(JSON.stringify(decoded.payload), "utf8").toString("base64url");
}
