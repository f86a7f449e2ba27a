import { digestArgs, systemClock } from "@sec0/core";
import { cartDigest, constraintsDigest } from "./ap2-digests.js";
import { AP2_REASONS, type Ap2Reason } from "./ap2-reasons.js";
import {
  type Ap2Verification,
  ap2DownstreamHeaders,
  type VerifiedAp2,
  type VerifiedAp2Mandate,
} from "./ap2-verification.js";
import { isTrustedIssuer } from "./check-issuer-trust.js";
import { checkMandateTimes } from "./check-mandate-times.js";
import { type Ap2HeaderSource, collectMandates } from "./collect-mandates.js";
import type { DecodedMandate } from "./decode-mandate.js";
import { type MandateClaims, readMandateClaims } from "./read-mandate-claims.js";
import { resolveDid } from "./resolve-did.js";
import type { VerifyAp2Options } from "./verify-ap2-options.js";
import { SUPPORTED_AP2_ALGORITHMS, verifyMandateSignature } from "./verify-mandate-signature.js";

/**
 * Verifies a call's AP2 intent and cart mandates: compact JWS signed by a trusted issuer DID,
 * within `exp` / `nbf`, the cart made under the intent and for these arguments, and the
 * idempotency key equal to the cart digest. Never throws; an internal failure is
 * `ap2_verification_error`.
 *
 * @example
 * const result = await verifyAp2Mandates(request.headers, args, idempotencyKey, {
 *   trustedIssuers: policy.security?.ap2?.trusted_issuers ?? [],
 * });
 * if (!result.ok) return deny(result.reasons);
 */
export async function verifyAp2Mandates(
  headers: Ap2HeaderSource,
  args: unknown,
  idempotencyKey: string | undefined,
  options: VerifyAp2Options,
): Promise<Ap2Verification> {
  try {
    return await verify(headers, args, idempotencyKey, options);
  } catch {
    return { ok: false, reasons: [AP2_REASONS.verificationError] };
  }
}

async function verify(
  headers: Ap2HeaderSource,
  args: unknown,
  idempotencyKey: string | undefined,
  options: VerifyAp2Options,
): Promise<Ap2Verification> {
  const collected = collectMandates(headers);
  if (!collected.ok) return refuse(collected.reasons);
  const intentClaims = readMandateClaims(collected.intent.payload, "intent");
  const cartClaims = readMandateClaims(collected.cart.payload, "cart");
  if (!intentClaims.ok || !cartClaims.ok) {
    return refuse([
      ...(intentClaims.ok ? [] : intentClaims.reasons),
      ...(cartClaims.ok ? [] : cartClaims.reasons),
    ]);
  }
  const parties = checkParties(intentClaims.claims, cartClaims.claims, options);
  if (typeof parties !== "string") return refuse(parties);
  const issuer = parties;
  const intent = await checkSignature(collected.intent, intentClaims.claims, issuer, options);
  const cart = await checkSignature(collected.cart, cartClaims.claims, issuer, options);
  if (typeof intent === "string" || typeof cart === "string") {
    return refuse([intent, cart].filter((value): value is Ap2Reason => typeof value === "string"));
  }
  return bind(intent, cart, issuer, args, idempotencyKey, options);
}

function refuse(reasons: Ap2Reason[]): Ap2Verification {
  return { ok: false, reasons: [...new Set(reasons)] };
}

/** The one issuer both mandates name, if trusted; otherwise the reasons. */
function checkParties(
  intent: MandateClaims,
  cart: MandateClaims,
  options: VerifyAp2Options,
): string | Ap2Reason[] {
  const reasons: Ap2Reason[] = [];
  if (intent.issuer !== undefined && cart.issuer !== undefined && intent.issuer !== cart.issuer) {
    reasons.push(AP2_REASONS.issuerConflict);
  }
  if (intent.subject !== undefined && cart.subject !== undefined && intent.subject !== cart.subject) {
    reasons.push(AP2_REASONS.subjectConflict);
  }
  const issuer = intent.issuer ?? cart.issuer;
  if (issuer === undefined || !isTrustedIssuer(issuer, options.trustedIssuers, options.allowedDidMethods)) {
    reasons.push(AP2_REASONS.untrusted);
  }
  return reasons.length > 0 || issuer === undefined ? reasons : issuer;
}

async function checkSignature(
  mandate: DecodedMandate,
  claims: MandateClaims,
  issuer: string,
  options: VerifyAp2Options,
): Promise<VerifiedAp2Mandate | Ap2Reason> {
  if (mandate.kind === "json") {
    return options.allowUnsigned === true
      ? { payload: mandate.payload, claims, signed: false }
      : AP2_REASONS.signatureMissing;
  }
  const algorithms = (options.algorithms ?? SUPPORTED_AP2_ALGORITHMS).filter((alg) =>
    SUPPORTED_AP2_ALGORITHMS.includes(alg),
  );
  if (typeof mandate.header.alg !== "string" || !algorithms.includes(mandate.header.alg)) {
    return AP2_REASONS.algorithmNotAllowed; // before resolving: a refused alg costs no fetch
  }
  const resolution = await resolveDid(issuer, options.did);
  const check = await verifyMandateSignature(mandate.compact, mandate.header, resolution, algorithms);
  if (!check.ok) return check.reason;
  return { payload: mandate.payload, claims, signed: true, algorithm: check.algorithm, keyId: check.keyId };
}

function bind(
  intent: VerifiedAp2Mandate,
  cart: VerifiedAp2Mandate,
  issuer: string,
  args: unknown,
  idempotencyKey: string | undefined,
  options: VerifyAp2Options,
): Ap2Verification {
  const now = (options.clock ?? systemClock).now();
  const skew = options.clockSkewSec ?? 60;
  const requireExpiry = options.requireExpiry ?? true;
  const reasons: Ap2Reason[] = [
    ...checkMandateTimes(intent.claims, now, skew, requireExpiry),
    ...checkMandateTimes(cart.claims, now, skew, requireExpiry),
  ];
  const { intentRef } = cart.claims;
  if (intentRef !== undefined && intentRef !== intent.claims.id) reasons.push(AP2_REASONS.cartIntentMismatch);
  const digests = computeDigests(intent, cart);
  if (digests === undefined) return refuse([...reasons, AP2_REASONS.digestUnavailable]);
  if (Object.hasOwn(cart.payload, "args") && digestArgs(cart.payload.args) !== digestArgs(args)) {
    reasons.push(AP2_REASONS.cartMismatch);
  }
  if (idempotencyKey === undefined || idempotencyKey.trim() === "")
    reasons.push(AP2_REASONS.idempotencyMissing);
  else if (idempotencyKey.trim() !== digests.cart) reasons.push(AP2_REASONS.idempotencyMismatch);
  if (reasons.length > 0) return refuse(reasons);
  const verified: VerifiedAp2 = {
    intent,
    cart,
    intentId: intent.claims.id,
    cartId: cart.claims.id,
    issuer,
    subject: intent.claims.subject ?? cart.claims.subject,
    constraintsDigest: digests.constraints,
    cartDigest: digests.cart,
    signed: intent.signed && cart.signed,
  };
  return { ok: true, verified, downstreamHeaders: ap2DownstreamHeaders(verified) };
}

function computeDigests(
  intent: VerifiedAp2Mandate,
  cart: VerifiedAp2Mandate,
): { constraints: string; cart: string } | undefined {
  try {
    return { constraints: constraintsDigest(intent.payload), cart: cartDigest(cart.payload) };
  } catch {
    return undefined;
  }
}
