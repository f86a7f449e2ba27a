import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { isMessageNotModified, redactTelegramToken, toTelegramError } from "./to-telegram-error.js";

const TOKEN = "987654:AAH-secret_part";

describe("toTelegramError", () => {
  it("strips the token, literal or shaped like a Bot API path, and drops the cause", () => {
    expect(redactTelegramToken(`GET http://x/bot${TOKEN}/getMe and ${TOKEN}`, TOKEN)).not.toContain(
      "secret_part",
    );
    expect(redactTelegramToken("request to /bot1:abc-DEF/sendMessage failed")).toBe(
      "request to /bot<redacted>/sendMessage failed",
    );
    const network = new HttpError("Network request failed!", new Error(`request to http://h/bot${TOKEN}/x`));
    const thrown = new Error(`boom at /bot${TOKEN}/sendMessage`);
    for (const error of [network, thrown]) {
      const mapped = toTelegramError(error, "sendMessage", TOKEN);
      expect(mapped.code).toBe("BRIDGE_TELEGRAM_UNAVAILABLE");
      expect(mapped.cause).toBeUndefined();
      expect(`${mapped.message}${JSON.stringify(mapped)}`).not.toContain("secret_part");
    }
  });

  it("keeps Telegram's error code, description and retry_after", () => {
    const tooMany = new GrammyError(
      "Call failed",
      { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 7 } },
      "sendMessage",
      {},
    );
    expect(toTelegramError(tooMany, "sendMessage").toJSON()).toMatchObject({
      code: "BRIDGE_TELEGRAM_API_ERROR",
      details: { method: "sendMessage", errorCode: 429, retryAfter: 7 },
    });
    const unchanged = new GrammyError(
      "Call failed",
      { ok: false, error_code: 400, description: "Bad Request: message is not modified: same" },
      "editMessageText",
      {},
    );
    expect(isMessageNotModified(unchanged)).toBe(true);
    expect(isMessageNotModified(tooMany)).toBe(false);
  });
});
