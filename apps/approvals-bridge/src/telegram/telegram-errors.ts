import { defineErrorCodes } from "@sec0/core";

/**
 * The error codes the Telegram adapter throws, each with what it means. To be merged into the
 * bridge's error table and docs/errors.md (`## @sec0/approvals-bridge-app`).
 */
export const TELEGRAM_ERRORS = defineErrorCodes({
  BRIDGE_TELEGRAM_API_ERROR:
    "The Telegram Bot API answered a call with an error (details: method, errorCode, description; retryAfter on a 429 that outlasted the retries).",
  BRIDGE_TELEGRAM_UNAVAILABLE:
    "The Telegram Bot API could not be reached (network error or timeout); the message names the method, never the URL or the token.",
  BRIDGE_TELEGRAM_BUTTON_INVALID:
    "An escalation id does not fit in Telegram callback_data (64 bytes) or would not decode back (only A-Z a-z 0-9 _ -, at most 59 characters).",
  BRIDGE_TELEGRAM_CONFIG_INVALID:
    "A Telegram adapter option is unusable: an empty or malformed webhook secret token, a webhook path not starting with /, or a negative interval.",
});

/** A code of {@link TELEGRAM_ERRORS}. */
export type TelegramErrorCode = keyof typeof TELEGRAM_ERRORS;
