import { secretEquals } from "../secrets/secret-equals.js";

/** Telegram's rule for a webhook secret token: 1-256 characters of A-Z a-z 0-9 _ -. */
export const TELEGRAM_SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * True when the `X-Telegram-Bot-Api-Secret-Token` header equals the configured secret. Compared in
 * constant time over SHA-256 digests (equal-length buffers, so the length does not leak either).
 *
 * @example
 * isTelegramSecretValid(request.headers["x-telegram-bot-api-secret-token"], secret);
 */
export function isTelegramSecretValid(header: unknown, secret: string): boolean {
  return secretEquals(header, secret);
}
