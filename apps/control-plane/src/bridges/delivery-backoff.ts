/** Delay before the second attempt, in milliseconds; it doubles after each failure. */
export const BASE_RETRY_DELAY_MS = 1_000;
/** Longest delay between two attempts. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * The delay after failed attempt number `attempts` (1-based): `min(1 s · 2^(attempts-1), 5 min)`,
 * scaled by a jitter factor in [0.5, 1) so that many failing deliveries do not retry in step.
 *
 * @param random a number in [0, 1) (`Math.random` by default).
 * @example
 * retryDelayMs(3, () => 0.99); // just under 4000
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const capped = Math.min(BASE_RETRY_DELAY_MS * 2 ** exponent, MAX_RETRY_DELAY_MS);
  return Math.floor(capped * (0.5 + random() / 2));
}
