/**
 * The reason codes AP2 verification returns. The first group is sec0-sdk 0.2.3's (kept as is);
 * the second is new with signature verification and must be added to `REASON_CODES` in
 * `@sec0/core` before a policy can name them in `deny_on` / `escalate_on`.
 */
export const AP2_REASONS = {
  intentMissing: "ap2_intent_missing",
  mandateMissing: "ap2_mandate_missing",
  intentConflict: "ap2_intent_mandate_conflict",
  cartConflict: "ap2_cart_mandate_conflict",
  intentIdConflict: "ap2_intent_id_conflict",
  cartIdConflict: "ap2_cart_id_conflict",
  issuerConflict: "ap2_issuer_conflict",
  subjectConflict: "ap2_subject_conflict",
  cartMismatch: "ap2_cart_mismatch",
  digestUnavailable: "ap2_digest_unavailable",
  untrusted: "ap2_vc_untrusted",
  verificationError: "ap2_verification_error",
  idempotencyMissing: "ap2_idempotency_missing",
  idempotencyMismatch: "ap2_idempotency_mismatch",
  // New (not produced by 0.2.3).
  signatureMissing: "ap2_signature_missing",
  signatureInvalid: "ap2_signature_invalid",
  algorithmNotAllowed: "ap2_algorithm_not_allowed",
  issuerUnresolvable: "ap2_issuer_unresolvable",
  expired: "ap2_expired",
  notYetValid: "ap2_not_yet_valid",
  expiryMissing: "ap2_expiry_missing",
  malformed: "ap2_mandate_malformed",
  cartIntentMismatch: "ap2_cart_intent_mismatch",
} as const;

/** One of {@link AP2_REASONS}. */
export type Ap2Reason = (typeof AP2_REASONS)[keyof typeof AP2_REASONS];
