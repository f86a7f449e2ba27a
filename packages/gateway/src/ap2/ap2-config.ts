import type { Clock } from "@sec0/core";
import type { Ap2Reason } from "./ap2-reasons.js";
import type { ResolveDidOptions } from "./resolve-did.js";

/**
 * sec0-sdk 0.2.3's AP2 configuration (`sec0-sdk/mandate-ap2`), read by
 * `verifyAp2MandatesFromHeaders`. `enabled`, `requireForSideEffects`, `tools`, `mode` and
 * `policyWebhookUrl` decide *when* a host verifies and what it does with a failure; the verifier
 * itself only reads `headers` and `trust`.
 */
export interface Ap2Config {
  readonly enabled?: boolean;
  readonly requireForSideEffects?: boolean;
  /** Header names (any case) of the intent mandate, the cart mandate and the bundle. */
  readonly headers: { readonly intent: string; readonly cart: string; readonly bundle: string };
  readonly trust: Ap2TrustConfig;
  readonly tools?: { readonly allow: readonly string[] };
  readonly mode?: "" | "observe" | "partial" | "full";
  readonly policyWebhookUrl?: string;
}

/** Who may issue mandates, and how strictly they are checked. */
export interface Ap2TrustConfig {
  /** DID methods an issuer may use, `"did:key"` or `"key"`; must not be empty. */
  readonly didMethods: readonly string[];
  /**
   * Issuer DIDs trusted to sign mandates, matched exactly. Unlike 0.2.3, an absent or empty list
   * trusts nobody: anyone can mint a did:key and sign with it, so "any issuer of an allowed
   * method" is no trust at all. Unlike 0.2.3, case matters: did:key and did:jwk identifiers are
   * case-sensitive, and a case-folded match names a different key.
   */
  readonly issuersAllowlist?: readonly string[];
  /** Tolerance on `exp` / `nbf`, in seconds; default 60. 0.2.3 read it but never checked times. */
  readonly clockSkewSec?: number;
  /**
   * Accept bare JSON mandates without a signature, as 0.2.3 did. Off by default: nothing vouches
   * for an unsigned mandate, so any client could write its own cart with a trusted `iss`. Only
   * for observing traffic from old clients; the result then has `signed: false`.
   */
  readonly allowUnsigned?: boolean;
  /** Refuse mandates without `exp` (`ap2_expiry_missing`); default true. */
  readonly requireExpiry?: boolean;
  /** Signature algorithms accepted; default and upper bound `EdDSA`, `ES256`. */
  readonly algorithms?: readonly string[];
}

/** Hooks of `verifyAp2MandatesFromHeaders` that are not configuration: time and DID fetching. */
export interface VerifyAp2HeadersOptions {
  readonly clock?: Clock;
  /** did:web fetch limits, the resolver cache and test hooks. */
  readonly did?: ResolveDidOptions;
}

/**
 * 0.2.3's `VerifiedAp2`: `ok`, the first `reason` when not, and the ids and digests of the
 * mandates when they verified. `reasons` (every reason) and `signed` are new.
 */
export interface VerifiedAp2Headers {
  readonly ok: boolean;
  readonly reason?: Ap2Reason;
  readonly reasons?: readonly Ap2Reason[];
  readonly intentId?: string;
  readonly cartId?: string;
  readonly issuerDid?: string;
  readonly subjectDid?: string;
  readonly constraintsDigest?: string;
  readonly cartDigest?: string;
  /** True when both mandates carried a valid signature (false only with `allowUnsigned`). */
  readonly signed?: boolean;
}
