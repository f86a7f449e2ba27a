import { AP2_HEADERS } from "@sec0/core/contracts";
import type { Ap2Config, VerifiedAp2Headers, VerifyAp2HeadersOptions } from "./ap2-config.js";
import { cartDigest } from "./ap2-digests.js";
import { AP2_REASONS, type Ap2Reason } from "./ap2-reasons.js";
import { type Ap2HeaderSource, collectMandates } from "./collect-mandates.js";
import { verifyAp2Mandates } from "./verify-ap2-mandates.js";
import type { VerifyAp2Options } from "./verify-ap2-options.js";

type HeaderValue = string | readonly string[] | undefined;

/**
 * sec0-sdk 0.2.3's `verifyAp2MandatesFromHeaders`, with its config, result shape and reason
 * codes, backed by `verifyAp2Mandates`. Where 0.2.3 only decoded the mandates, this verifies
 * them: each must be a compact JWS whose signature holds under a key of its issuer's DID
 * (did:key, did:jwk, did:web), the issuer must be in `trust.issuersAllowlist`, `exp` / `nbf`
 * must hold within `trust.clockSkewSec`, and the cart must name the intent. So a forged, expired
 * or unsigned mandate that 0.2.3 passed fails here (`ap2_signature_invalid`, `ap2_expired`,
 * `ap2_signature_missing`, …).
 *
 * Bare JSON mandates are refused unless `trust.allowUnsigned` is set: 0.2.3 accepted them, but
 * nothing vouches for an unsigned mandate, so any client could send its own cart naming a trusted
 * issuer. The idempotency-key binding of the gateway is not checked here (0.2.3 did not either).
 *
 * Never throws: a missing config or header name, or an empty `trust.didMethods`, is
 * `ap2_verification_error`, like an internal failure.
 *
 * @example
 * const result = await verifyAp2MandatesFromHeaders(cfg, request.headers, args);
 * if (!result.ok) return deny(result.reason);
 */
export async function verifyAp2MandatesFromHeaders(
  cfg: Ap2Config | undefined,
  headers: Readonly<Record<string, HeaderValue>>,
  args: unknown,
  hooks: VerifyAp2HeadersOptions = {},
): Promise<VerifiedAp2Headers> {
  try {
    const options = verifierOptions(cfg, hooks);
    const source = mandateHeaders(cfg, headers);
    if (options === undefined || source === undefined) return fail([AP2_REASONS.verificationError]);
    const result = await verifyAp2Mandates(source, args, expectedCartDigest(source), options);
    if (!result.ok) {
      // 0.2.3 left the idempotency binding to the gateway; so does this function.
      const reasons = result.reasons.filter(
        (reason) => reason !== AP2_REASONS.idempotencyMissing && reason !== AP2_REASONS.idempotencyMismatch,
      );
      return fail(reasons.length > 0 ? reasons : [AP2_REASONS.verificationError]);
    }
    const { verified } = result;
    return {
      ok: true,
      intentId: verified.intentId,
      cartId: verified.cartId,
      issuerDid: verified.issuer,
      subjectDid: verified.subject,
      constraintsDigest: verified.constraintsDigest,
      cartDigest: verified.cartDigest,
      signed: verified.signed,
    };
  } catch {
    return fail([AP2_REASONS.verificationError]);
  }
}

function fail(reasons: Ap2Reason[]): VerifiedAp2Headers {
  return { ok: false, reason: reasons[0], reasons };
}

/** The verifier's options from 0.2.3's `trust`, or `undefined` when the config is unusable. */
function verifierOptions(
  cfg: Ap2Config | undefined,
  hooks: VerifyAp2HeadersOptions,
): VerifyAp2Options | undefined {
  const trust = cfg?.trust;
  if (trust === undefined || !Array.isArray(trust.didMethods)) return undefined;
  const methods = trust.didMethods
    .map((method) => String(method).trim().toLowerCase().replace(/^did:/, ""))
    .filter((method) => /^[a-z0-9]+$/.test(method));
  if (methods.length === 0) return undefined;
  const skew = trust.clockSkewSec;
  if (skew !== undefined && !(typeof skew === "number" && Number.isFinite(skew) && skew >= 0))
    return undefined;
  return {
    trustedIssuers: (trust.issuersAllowlist ?? []).map(String),
    allowedDidMethods: methods,
    clockSkewSec: skew,
    requireExpiry: trust.requireExpiry,
    allowUnsigned: trust.allowUnsigned === true,
    algorithms: trust.algorithms,
    clock: hooks.clock,
    did: hooks.did,
  };
}

/** The three configured headers under the names `verifyAp2Mandates` reads. */
function mandateHeaders(
  cfg: Ap2Config | undefined,
  headers: Readonly<Record<string, HeaderValue>>,
): Ap2HeaderSource | undefined {
  const names = cfg?.headers;
  const intent = headerName(names?.intent);
  const cart = headerName(names?.cart);
  const bundle = headerName(names?.bundle);
  if (intent === undefined || cart === undefined || bundle === undefined) return undefined;
  const byName = new Map<string, HeaderValue>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    byName.set(key, merge(byName.get(key), value));
  }
  return {
    [AP2_HEADERS.intentMandate]: byName.get(intent),
    [AP2_HEADERS.cartMandate]: byName.get(cart),
    [AP2_HEADERS.bundle]: byName.get(bundle),
  };
}

function headerName(name: unknown): string | undefined {
  return typeof name === "string" && name.trim() !== "" ? name.trim().toLowerCase() : undefined;
}

/** Two spellings of one header (`X-AP2-Cart` and `x-ap2-cart`) are both kept, so they must agree. */
function merge(first: HeaderValue, second: HeaderValue): HeaderValue {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return [
    ...(typeof first === "string" ? [first] : first),
    ...(typeof second === "string" ? [second] : second),
  ];
}

/** The cart digest, passed as the idempotency key so that the gateway's binding is satisfied. */
function expectedCartDigest(source: Ap2HeaderSource): string | undefined {
  const collected = collectMandates(source);
  if (!collected.ok) return undefined;
  try {
    return cartDigest(collected.cart.payload);
  } catch {
    return undefined;
  }
}
