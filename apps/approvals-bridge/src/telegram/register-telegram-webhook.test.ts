import Fastify, { type FastifyInstance } from "fastify";
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import type { Press, PressHandler, PressOutcome } from "../platforms/platform.js";
import { createMemoryBridgeState } from "../state/memory-bridge-state.js";
import { callbackQueryUpdate, type FakeTelegram, startFakeTelegram } from "./__fixtures__/fake-telegram.js";
import { NOT_A_SEC0_BUTTON, PRESS_FAILED_TEXT } from "./handle-callback-query.js";
import { registerTelegramWebhook } from "./register-telegram-webhook.js";

const SECRET = "webhook-secret_0123456789";
const HEADER = "x-telegram-bot-api-secret-token";

let telegram: FakeTelegram;
let app: FastifyInstance;
let presses: Press[];

const counted = (): PressOutcome => ({
  kind: "counted",
  card: pendingCard({ approvals: 2, status: "approved", finalizationReason: "Approved by alice." }),
  text: "Your approval was counted.",
});

async function build(onPress: PressHandler = async () => counted()): Promise<FastifyInstance> {
  const state = createMemoryBridgeState();
  const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
  const instance = Fastify();
  registerTelegramWebhook(instance, {
    secretToken: SECRET,
    bot,
    claim: (key, ttl) => state.claim(key, ttl),
    onPress: async (press) => {
      presses.push(press);
      return onPress(press);
    },
  });
  await instance.ready();
  return instance;
}

/** `null` sends no secret header at all. */
const deliver = (update: unknown, secret: string | null = SECRET) =>
  app.inject({
    method: "POST",
    url: "/telegram/webhook",
    headers: secret === null ? {} : { [HEADER]: secret },
    payload: update as object,
  });

const press = (updateId: number, data = "s0:a:esc_01HZX3"): Update => callbackQueryUpdate({ updateId, data });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  telegram = await startFakeTelegram();
  presses = [];
});
afterEach(async () => {
  await app.close();
  await telegram.close();
});

describe("registerTelegramWebhook", () => {
  it("answers 401 to a missing or wrong secret, the same either way, and handles nothing", async () => {
    app = await build();
    const answers = await Promise.all([
      deliver(press(1), null),
      deliver(press(2), "wrong"),
      deliver(press(3), `${SECRET}x`),
      deliver(press(4), SECRET.toUpperCase()),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    await sleep(50);
    expect(presses).toEqual([]);
    expect(telegram.calls).toEqual([]);
  });

  it("answers 200 before a slow press is handled, then answers the query and edits the card", async () => {
    let finished = false;
    app = await build(async () => {
      await sleep(1000);
      finished = true;
      return counted();
    });
    const started = Date.now();
    const answer = await deliver(
      callbackQueryUpdate({ updateId: 10, data: "s0:r:esc_01HZX3", messageId: 9 }),
    );
    expect(answer.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    expect(finished).toBe(false);

    const [answered] = await telegram.waitFor("answerCallbackQuery");
    expect(answered?.body).toEqual({
      callback_query_id: "query-10",
      text: "Your approval was counted.",
      show_alert: false,
    });
    const [edit] = await telegram.waitFor("editMessageText");
    expect(edit?.body).toMatchObject({
      chat_id: "-1001234567890",
      message_id: 9,
      reply_markup: { inline_keyboard: [] },
    });
    expect(presses).toEqual([
      {
        platform: "telegram",
        pressId: "query-10",
        escalationId: "esc_01HZX3",
        verdict: "reject",
        userId: "4242",
        userName: "alice",
        channelId: "-1001234567890",
        messageId: "9",
      },
    ]);
  });

  it("works over a real socket", async () => {
    app = await build();
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const unauthorized = await fetch(`${address}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(press(20)),
    });
    expect(unauthorized.status).toBe(401);
    const answer = await fetch(`${address}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", [HEADER]: SECRET },
      body: JSON.stringify(press(21)),
    });
    expect(answer.status).toBe(200);
    await telegram.waitFor("editMessageText");
    expect(presses.map((p) => p.pressId)).toEqual(["query-21"]);
  });

  it("handles a redelivered update once", async () => {
    app = await build();
    const answers = [await deliver(press(30)), await deliver(press(30)), await deliver(press(30))];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    await telegram.waitFor("editMessageText");
    await sleep(100);
    expect(presses).toHaveLength(1);
    expect(telegram.callsOf("answerCallbackQuery")).toHaveLength(1);
  });

  it("refuses a button the bridge did not make without calling the core", async () => {
    app = await build();
    for (const [updateId, data] of [
      [40, "s0:x:esc_1"],
      [41, "buy:now"],
    ] as const) {
      expect((await deliver(press(updateId, data))).statusCode).toBe(200);
    }
    const noData = callbackQueryUpdate({ updateId: 42 });
    expect((await deliver(noData)).statusCode).toBe(200);
    const answers = await telegram.waitFor("answerCallbackQuery", 3);
    for (const answered of answers)
      expect(answered.body).toMatchObject({ text: NOT_A_SEC0_BUTTON, show_alert: true });
    expect(presses).toEqual([]);
    expect(telegram.callsOf("editMessageText")).toEqual([]);
  });

  it("shows a refusal as an alert, and edits the card only when the refusal carries one", async () => {
    const refusals: PressOutcome[] = [
      { kind: "refused", reason: "not_allowed", text: "You may not vote on this." },
      {
        kind: "refused",
        reason: "final",
        text: "Already decided.",
        card: pendingCard({ status: "rejected" }),
      },
    ];
    app = await build(async () => refusals.shift() as PressOutcome);
    await deliver(press(50));
    const [first] = await telegram.waitFor("answerCallbackQuery");
    expect(first?.body).toMatchObject({ text: "You may not vote on this.", show_alert: true });
    await sleep(50);
    expect(telegram.callsOf("editMessageText")).toEqual([]);

    await deliver(press(51));
    const answers = await telegram.waitFor("answerCallbackQuery", 2);
    expect(answers[1]?.body).toMatchObject({ text: "Already decided.", show_alert: true });
    const [edit] = await telegram.waitFor("editMessageText");
    expect(edit?.body).toMatchObject({ reply_markup: { inline_keyboard: [] } });
  });

  it("still answers 200 and the callback query when the core throws", async () => {
    app = await build(async () => {
      throw new Error("control plane down");
    });
    expect((await deliver(press(60))).statusCode).toBe(200);
    const [answered] = await telegram.waitFor("answerCallbackQuery");
    expect(answered?.body).toMatchObject({
      callback_query_id: "query-60",
      text: PRESS_FAILED_TEXT,
      show_alert: true,
    });
  });

  it("ignores other updates and bodies that are not updates, with 200", async () => {
    app = await build();
    const message = {
      update_id: 70,
      message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" },
    };
    expect((await deliver(message)).statusCode).toBe(200);
    expect((await deliver({ hello: "world" })).statusCode).toBe(200);
    await sleep(50);
    expect(presses).toEqual([]);
    expect(telegram.calls).toEqual([]);
  });

  it("refuses a body over 1 MB, and checks the secret before reading it", async () => {
    app = await build();
    const huge = { update_id: 80, padding: "x".repeat(1024 * 1024) };
    expect((await deliver(huge)).statusCode).toBe(413);
    expect((await deliver(huge, "wrong")).statusCode).toBe(401);
  });
});
