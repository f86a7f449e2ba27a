import { createHash, timingSafeEqual } from "node:crypto";

/**
 * True when `given` equals the configured secret `expected`. Compared in constant time over
 * SHA-256 digests (equal-length buffers, so neither the bytes nor the length leak); a missing or
 * non-string value, or an empty secret, is never equal. Every secret the bridge checks (the
 * webhook's Bearer token, Telegram's secret token) goes through here.
 *
 * @example
 * secretEquals(request.headers["x-telegram-bot-api-secret-token"], secret);
 */
export function secretEquals(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || expected === "") return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
