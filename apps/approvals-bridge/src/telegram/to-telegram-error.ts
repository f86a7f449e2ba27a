import { Sec0Error } from "@sec0/core";
import { GrammyError, HttpError } from "grammy";

/** Bot tokens as they appear in Bot API URLs (`/bot123456:AA…/sendMessage`). */
const TOKEN_IN_URL = /bot\d+:[A-Za-z0-9_-]+/g;

/**
 * Removes a bot token from text: the literal token (when known) and anything shaped like
 * `bot<id>:<secret>`, as a Bot API URL in an error message carries it.
 *
 * @example
 * redactTelegramToken("GET /bot1:abc/getMe failed"); // "GET /bot<redacted>/getMe failed"
 */
export function redactTelegramToken(text: string, token?: string): string {
  const withoutToken = token === undefined || token === "" ? text : text.split(token).join("<redacted>");
  return withoutToken.replace(TOKEN_IN_URL, "bot<redacted>");
}

/** True for Telegram's 400 on an edit that changes nothing (the card already shows this). */
export function isMessageNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    error.description.toLowerCase().includes("message is not modified")
  );
}

/**
 * Turns whatever a Bot API call threw into a {@link Sec0Error} that carries no token and no cause
 * (a network error's cause holds the URL, and so the token).
 *
 * @example
 * try { await bot.api.getMe(); } catch (error) { throw toTelegramError(error, "getMe", bot.token); }
 */
export function toTelegramError(error: unknown, method: string, token?: string): Sec0Error {
  if (error instanceof Sec0Error) return error;
  if (error instanceof GrammyError) {
    const description = redactTelegramToken(error.description, token);
    const retryAfter = error.parameters.retry_after;
    return new Sec0Error(
      "BRIDGE_TELEGRAM_API_ERROR",
      `Telegram refused ${method} (${error.error_code}: ${description}); check the chat id and that the bot may post there.`,
      {
        details: {
          method,
          errorCode: error.error_code,
          description,
          ...(retryAfter === undefined ? {} : { retryAfter }),
        },
      },
    );
  }
  const what =
    error instanceof HttpError ? error.message : error instanceof Error ? error.message : String(error);
  return new Sec0Error(
    "BRIDGE_TELEGRAM_UNAVAILABLE",
    `Telegram did not answer ${method}: ${redactTelegramToken(what, token)}; check the network and the API root.`,
    { details: { method } },
  );
}
