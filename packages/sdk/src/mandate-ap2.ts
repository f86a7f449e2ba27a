// `sec0-sdk/mandate-ap2`: sec0-sdk 0.2.3's AP2 helpers by their 0.2.3 names, from @sec0/gateway.
// `verifyAp2MandatesFromHeaders` keeps 0.2.3's config and result but verifies what 0.2.3 only
// decoded: JWS signatures against the issuer's DID, `exp` / `nbf`, and the issuer allowlist.
export {
  AP2_BUNDLE_HEADER,
  AP2_CART_DIGEST_HEADER,
  AP2_CART_HEADER,
  AP2_CONSTRAINTS_DIGEST_HEADER,
  AP2_INTENT_HEADER,
  AP2_REASONS,
  type Ap2Config,
  type Ap2Reason,
  type Ap2TrustConfig,
  type ArgsDigestComparison,
  canonicalizeJson,
  compareArgsToDigest,
  computeArgsDigest,
  decodeCompactJwsPayload,
  sha256Hex,
  type VerifiedAp2Headers as VerifiedAp2,
  type VerifyAp2HeadersOptions,
  verifyAp2Mandates,
  verifyAp2MandatesFromHeaders,
} from "@sec0/gateway";
