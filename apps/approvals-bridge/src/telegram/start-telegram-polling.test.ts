import { Bot } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import type { Press } from "../platforms/platform.js";
import { createMemoryBridgeState } from "../state/memory-bridge-state.js";
import { callbackQueryUpdate, type FakeTelegram, startFakeTelegram } from "./__fixtures__/fake-telegram.js";
import { startTelegramPolling, type TelegramPolling } from "./start-telegram-polling.js";

let telegram: FakeTelegram;
let polling: TelegramPolling | undefined;

beforeEach(async () => {
  telegram = await startFakeTelegram();
});
afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await telegram.close();
});

function start(presses: Press[], claim = createMemoryBridgeState().claim) {
  const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
  return startTelegramPolling({
    bot,
    claim,
    timeoutSeconds: 1,
    onPress: async (press) => {
      presses.push(press);
      return { kind: "counted", card: pendingCard({ approvals: 2 }), text: "Counted." };
    },
  });
}

describe("startTelegramPolling", () => {
  it("deletes the webhook, brings a queued press to the core, answers it and edits the card", async () => {
    const presses: Press[] = [];
    polling = start(presses);
    await telegram.waitFor("getUpdates");
    telegram.queueUpdate(callbackQueryUpdate({ updateId: 500, data: "s0:a:esc_01HZX3", messageId: 3 }));
    const [answered] = await telegram.waitFor("answerCallbackQuery");
    expect(answered?.body).toMatchObject({
      callback_query_id: "query-500",
      text: "Counted.",
      show_alert: false,
    });
    const [edit] = await telegram.waitFor("editMessageText");
    expect(edit?.body).toMatchObject({ message_id: 3 });
    expect(presses.map((press) => [press.escalationId, press.verdict, press.userId])).toEqual([
      ["esc_01HZX3", "approve", "4242"],
    ]);
    expect(telegram.callsOf("deleteWebhook")).toHaveLength(1);
    expect(telegram.callsOf("getUpdates")[0]?.body).toMatchObject({ allowed_updates: ["callback_query"] });
  });

  it("stop() ends the loop: no getUpdates after it, and the offset confirmed", async () => {
    const presses: Press[] = [];
    polling = start(presses);
    await telegram.waitFor("getUpdates");
    telegram.queueUpdate(callbackQueryUpdate({ updateId: 600, data: "s0:r:esc_01HZX3" }));
    await telegram.waitFor("answerCallbackQuery");
    const started = Date.now();
    await polling.stop();
    expect(Date.now() - started).toBeLessThan(1500);
    await polling.stopped;
    const count = telegram.callsOf("getUpdates").length;
    expect(telegram.callsOf("getUpdates").at(-1)?.body).toMatchObject({ offset: 601 });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(telegram.callsOf("getUpdates")).toHaveLength(count);
    expect(presses).toHaveLength(1);
  });

  it("handles an update another replica already claimed only once", async () => {
    const presses: Press[] = [];
    const state = createMemoryBridgeState();
    await state.claim("telegram:update:700", 60_000);
    polling = start(presses, (key, ttl) => state.claim(key, ttl));
    await telegram.waitFor("getUpdates");
    telegram.queueUpdate(callbackQueryUpdate({ updateId: 700, data: "s0:a:esc_01HZX3" }));
    telegram.queueUpdate(callbackQueryUpdate({ updateId: 701, data: "s0:a:esc_01HZX3" }));
    await telegram.waitFor("answerCallbackQuery");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(presses.map((press) => press.pressId)).toEqual(["query-701"]);
  });

  it("stop() before polling got going ends it too", async () => {
    polling = start([]);
    await polling.stop();
    await polling.stopped;
    const count = telegram.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.calls.length).toBe(count);
  });
});
