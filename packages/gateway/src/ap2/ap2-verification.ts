import { AP2_HEADERS } from "@sec0/core/contracts";
import type { Ap2Reason } from "./ap2-reasons.js";
import type { MandateClaims } from "./read-mandate-claims.js";

/** One mandate after verification. */
export interface VerifiedAp2Mandate {
  /** The decoded payload (the signed one for a JWS). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly claims: MandateClaims;
  /** False only for a bare JSON mandate accepted with `allowUnsigned` (observe mode). */
  readonly signed: boolean;
  readonly algorithm?: string;
  /** The verification method that signed it, e.g. `did:web:issuer.example#key-1`. */
  readonly keyId?: string;
}

/** What a call's verified AP2 mandates establish. */
export interface VerifiedAp2 {
  readonly intent: VerifiedAp2Mandate;
  readonly cart: VerifiedAp2Mandate;
  readonly intentId?: string;
  readonly cartId?: string;
  readonly issuer: string;
  readonly subject?: string;
  /** sha256 of the canonical intent `constraints`. */
  readonly constraintsDigest: string;
  /** sha256 of the canonical cart payload; equals the idempotency key. */
  readonly cartDigest: string;
  /** True when both mandates carried a valid signature. */
  readonly signed: boolean;
}

/** Result of `verifyAp2Mandates`. */
export type Ap2Verification =
  | {
      readonly ok: true;
      readonly verified: VerifiedAp2;
      /** Headers to set on the upstream call (after removing any the caller sent). */
      readonly downstreamHeaders: Record<string, string>;
    }
  | { readonly ok: false; readonly reasons: Ap2Reason[] };

/** The 0.2.3 downstream headers for verified mandates; absent ids are left out. */
export function ap2DownstreamHeaders(verified: VerifiedAp2): Record<string, string> {
  const headers: Record<string, string> = {
    [AP2_HEADERS.constraintsSha256]: verified.constraintsDigest,
    [AP2_HEADERS.cartSha256]: verified.cartDigest,
    [AP2_HEADERS.issuerDid]: verified.issuer,
  };
  if (verified.intentId !== undefined) headers[AP2_HEADERS.intentId] = verified.intentId;
  if (verified.cartId !== undefined) headers[AP2_HEADERS.cartId] = verified.cartId;
  if (verified.subject !== undefined) headers[AP2_HEADERS.subjectDid] = verified.subject;
  return headers;
}
