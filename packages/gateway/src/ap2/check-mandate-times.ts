import { AP2_REASONS, type Ap2Reason } from "./ap2-reasons.js";
import type { MandateClaims } from "./read-mandate-claims.js";

/**
 * Reasons a mandate is outside its validity window at `nowMs`: `exp` passed (or, with
 * `requireExpiry`, absent), or `nbf` not reached, each with `clockSkewSec` of tolerance.
 */
export function checkMandateTimes(
  claims: MandateClaims,
  nowMs: number,
  clockSkewSec: number,
  requireExpiry: boolean,
): Ap2Reason[] {
  const now = nowMs / 1000;
  const reasons: Ap2Reason[] = [];
  if (claims.expiresAt === undefined) {
    if (requireExpiry) reasons.push(AP2_REASONS.expiryMissing);
  } else if (now - clockSkewSec >= claims.expiresAt) {
    reasons.push(AP2_REASONS.expired);
  }
  if (claims.notBefore !== undefined && now + clockSkewSec < claims.notBefore) {
    reasons.push(AP2_REASONS.notYetValid);
  }
  return reasons;
}
