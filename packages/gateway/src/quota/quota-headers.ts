import type { QuotaVerdict } from "@sec0/core";
import {
  QUOTA_REMAINING_HEADER,
  QUOTA_RESET_AT_HEADER,
  RATE_REMAINING_HEADER,
  RETRY_AFTER_HEADER,
} from "@sec0/core/contracts";

/**
 * Reply headers of a quota decision: 0.2.3's `x-rate-remaining`, `x-quota-remaining`,
 * `x-quota-reset-at` (ISO date-time), `Retry-After` on a refusal, and the IETF
 * `RateLimit-Policy` / `RateLimit` structured fields (draft-ietf-httpapi-ratelimit-headers).
 */
export function quotaHeaders(verdict: QuotaVerdict): Record<string, string> {
  const headers: Record<string, string> = {};
  const policies: string[] = [];
  const states: string[] = [];
  if (verdict.rate !== undefined) {
    headers[RATE_REMAINING_HEADER] = String(Math.max(0, Math.floor(verdict.rate.remaining)));
    policies.push(`"rate";q=${verdict.rate.limit};w=${verdict.rate.windowSec}`);
    states.push(
      `"rate";r=${Math.max(0, Math.floor(verdict.rate.remaining))};t=${Math.ceil(verdict.rate.resetMs / 1000)}`,
    );
  }
  if (verdict.daily !== undefined) {
    headers[QUOTA_REMAINING_HEADER] = String(Math.max(0, verdict.daily.remaining));
    headers[QUOTA_RESET_AT_HEADER] = new Date(verdict.daily.resetAt).toISOString();
    policies.push(`"daily";q=${verdict.daily.limit};w=86400`);
    const t = Math.max(0, Math.ceil((verdict.daily.resetAt - Date.now()) / 1000));
    states.push(`"daily";r=${Math.max(0, verdict.daily.remaining)};t=${t}`);
  }
  if (policies.length > 0) {
    headers["ratelimit-policy"] = policies.join(", ");
    headers.ratelimit = states.join(", ");
  }
  if (!verdict.allowed)
    headers[RETRY_AFTER_HEADER] = String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
  return headers;
}
