import { parseObject } from "./decode-mandate.js";

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/**
 * The payload of a compact JWS as a JSON object, or `undefined` when it is not one.
 *
 * This does NOT verify anything: not the signature, not `exp` / `nbf`, not the issuer. Anyone can
 * write a JWS whose payload says anything, so use the result for display and logging only; to
 * act on a mandate, call `verifyAp2MandatesFromHeaders` (or `verifyAp2Mandates`).
 *
 * @example
 * decodeCompactJwsPayload(cartJws)?.jti; // "cart-1" (unverified)
 */
export function decodeCompactJwsPayload(jws: string): Record<string, unknown> | undefined {
  if (typeof jws !== "string") return undefined;
  const match = COMPACT_JWS.exec(jws.trim());
  if (match === null) return undefined;
  return parseObject(Buffer.from(match[1] as string, "base64url").toString("utf8"));
}
