import { isSec0Error } from "@sec0/core";
import { Bot } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { type FakeTelegram, startFakeTelegram } from "./__fixtures__/fake-telegram.js";
import { createTelegramCardPoster } from "./telegram-card-poster.js";

let telegram: FakeTelegram;
beforeEach(async () => {
  telegram = await startFakeTelegram();
});
afterEach(async () => {
  await telegram.close();
});

const botFor = (fake: FakeTelegram, token = fake.token) =>
  new Bot(token, { client: { apiRoot: fake.apiRoot } });
const CHAT = "-1001234567890";

async function thrownBy(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("createTelegramCardPoster", () => {
  it("posts a card with its buttons and edits it to a final card without them", async () => {
    const poster = createTelegramCardPoster({ bot: botFor(telegram), pacing: { chatIntervalMs: 10 } });
    const posted = await poster.postCard(CHAT, pendingCard());
    expect(posted).toEqual({ platform: "telegram", channelId: CHAT, messageId: "1" });
    const [send] = telegram.callsOf("sendMessage");
    expect(send?.tokenOk).toBe(true);
    expect(send?.body).toMatchObject({
      chat_id: CHAT,
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    expect(JSON.stringify(send?.body.reply_markup)).toContain("s0:a:esc_01HZX3");

    await poster.editCard(
      posted,
      pendingCard({ status: "approved", finalizationReason: "Approved by alice." }),
    );
    const [edit] = telegram.callsOf("editMessageText");
    expect(edit?.body).toMatchObject({ chat_id: CHAT, message_id: 1, reply_markup: { inline_keyboard: [] } });
    expect(String(edit?.body.text)).toContain("Approved by alice.");
  });

  it("treats an edit that changes nothing as success", async () => {
    const poster = createTelegramCardPoster({ bot: botFor(telegram), pacing: { chatIntervalMs: 0 } });
    const posted = await poster.postCard(CHAT, pendingCard());
    const final = pendingCard({ status: "rejected" });
    await poster.editCard(posted, final);
    await expect(poster.editCard(posted, final)).resolves.toBeUndefined();
    expect(telegram.callsOf("editMessageText")).toHaveLength(2);
  });

  it("waits retry_after on a 429 and then succeeds", async () => {
    telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const poster = createTelegramCardPoster({ bot: botFor(telegram), pacing: { chatIntervalMs: 0 } });
    const posted = await poster.postCard(CHAT, pendingCard());
    const sends = telegram.callsOf("sendMessage");
    expect(sends).toHaveLength(2);
    expect((sends[1]?.at ?? 0) - (sends[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(posted.messageId).toBe("1");
  });

  it("gives up after 3 retries of a 429 with a coded error", async () => {
    for (let i = 0; i < 4; i++) {
      telegram.failNext("sendMessage", {
        error_code: 429,
        description: "Too Many Requests",
        parameters: { retry_after: 0 },
      });
    }
    const poster = createTelegramCardPoster({ bot: botFor(telegram), pacing: { chatIntervalMs: 0 } });
    const error = await thrownBy(poster.postCard(CHAT, pendingCard()));
    expect(isSec0Error(error, "BRIDGE_TELEGRAM_API_ERROR")).toBe(true);
    expect(telegram.callsOf("sendMessage")).toHaveLength(4);
  });

  it("spaces calls to one chat by the interval, and not calls to different chats", async () => {
    const poster = createTelegramCardPoster({ bot: botFor(telegram), pacing: { chatIntervalMs: 150 } });
    await Promise.all([
      poster.postCard(CHAT, pendingCard()),
      poster.postCard(CHAT, pendingCard()),
      poster.postCard(CHAT, pendingCard()),
      poster.postCard("-42", pendingCard()),
    ]);
    const times = telegram
      .callsOf("sendMessage")
      .filter((call) => call.body.chat_id === CHAT)
      .map((call) => call.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(140);
    }
    const other = telegram.callsOf("sendMessage").find((call) => call.body.chat_id === "-42");
    expect((other?.at ?? Number.POSITIVE_INFINITY) - (times[0] ?? 0)).toBeLessThan(140);
  });

  it("never puts the token in an error, whether Telegram refuses or cannot be reached", async () => {
    const secret = "TEST-token_secretpart";
    telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    const refused = await thrownBy(
      createTelegramCardPoster({ bot: botFor(telegram), pacing: { chatIntervalMs: 0 } }).postCard(
        CHAT,
        pendingCard(),
      ),
    );
    expect(isSec0Error(refused, "BRIDGE_TELEGRAM_API_ERROR")).toBe(true);

    const gone = await startFakeTelegram();
    const goneBot = botFor(gone, telegram.token);
    await gone.close();
    const unreachable = await thrownBy(
      createTelegramCardPoster({ bot: goneBot, pacing: { chatIntervalMs: 0 } }).editCard(
        { platform: "telegram", channelId: CHAT, messageId: "1" },
        pendingCard(),
      ),
    );
    expect(isSec0Error(unreachable, "BRIDGE_TELEGRAM_UNAVAILABLE")).toBe(true);
    for (const error of [refused, unreachable]) {
      const everything = [
        String(error),
        (error as Error).stack,
        JSON.stringify(error),
        JSON.stringify((error as { details?: unknown }).details),
        String((error as Error).cause),
      ].join("\n");
      expect(everything).not.toContain(secret);
    }
  });
});
