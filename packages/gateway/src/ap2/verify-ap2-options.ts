import type { Clock } from "@sec0/core";
import type { ResolveDidOptions } from "./resolve-did.js";

/** Options of `verifyAp2Mandates`; the first three come from `security.ap2` of the policy. */
export interface VerifyAp2Options {
  /** `security.ap2.trusted_issuers`: issuer DIDs, exact. Empty trusts nobody. */
  readonly trustedIssuers: readonly string[];
  /** DID methods an issuer may use; default `key`, `jwk`, `web`. */
  readonly allowedDidMethods?: readonly string[];
  /** Signature algorithms accepted; default and upper bound `EdDSA`, `ES256`. */
  readonly algorithms?: readonly string[];
  /** Tolerance on `exp` / `nbf`, in seconds; default 60. */
  readonly clockSkewSec?: number;
  /** Refuse mandates without `exp` (`ap2_expiry_missing`); default true. */
  readonly requireExpiry?: boolean;
  /**
   * Accept bare JSON mandates (0.2.3's form) without a signature. For `mode: observe` only: the
   * result then has `verified.signed === false` and nothing vouches for its content.
   */
  readonly allowUnsigned?: boolean;
  readonly clock?: Clock;
  /** did:web fetch limits, the resolver cache and test hooks. */
  readonly did?: ResolveDidOptions;
}
