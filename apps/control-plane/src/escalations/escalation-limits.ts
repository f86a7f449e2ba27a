/** Time to decide when the request names none (15 minutes). */
export const DEFAULT_TTL_SECONDS = 900;

/** Shortest and longest accepted time to decide; values outside are clamped. */
export const MIN_TTL_SECONDS = 1;
export const MAX_TTL_SECONDS = 7 * 24 * 3600;

/** Largest `min_approvals` / `min_rejections` accepted. */
export const MAX_QUORUM = 10_000;

/** Longest long-poll (`?wait=`) in milliseconds; longer waits are clamped. */
export const MAX_WAIT_MS = 60_000;

/** Clamps `ttlSeconds` (default {@link DEFAULT_TTL_SECONDS}) into the accepted range. */
export function boundedTtlSeconds(ttlSeconds: number | null | undefined): number {
  const ttl = ttlSeconds ?? DEFAULT_TTL_SECONDS;
  return Math.min(MAX_TTL_SECONDS, Math.max(MIN_TTL_SECONDS, ttl));
}
