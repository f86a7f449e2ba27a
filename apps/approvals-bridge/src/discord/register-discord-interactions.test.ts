import type { Logger } from "@sec0/core";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { encodeButton, type Press, type PressOutcome } from "../platforms/platform.js";
import { createMemoryBridgeState } from "../state/memory-bridge-state.js";
import { type FakeDiscord, startFakeDiscord } from "./__fixtures__/fake-discord.js";
import { createDiscordRest } from "./discord-card-poster.js";
import { type DiscordInteractions, registerDiscordInteractions } from "./register-discord-interactions.js";

const APP_ID = "222222222222222222";
const INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MzMzOnNlY3JldA.SECRET-INTERACTION-TOKEN";

let fake: FakeDiscord;
let app: FastifyInstance;
let discord: DiscordInteractions;
let presses: Press[];
let outcome: (press: Press) => Promise<PressOutcome>;
let logs: string[];

const logger: Logger = {
  debug: (obj, msg) => logs.push(JSON.stringify({ obj, msg })),
  info: (obj, msg) => logs.push(JSON.stringify({ obj, msg })),
  warn: (obj, msg) => logs.push(JSON.stringify({ obj, msg })),
  error: (obj, msg) => logs.push(JSON.stringify({ obj, msg })),
};

function press(id = "333333333333333333", customId = encodeButton("approve", "esc_01HZX3K9")) {
  return JSON.stringify({
    id,
    application_id: APP_ID,
    type: 3,
    token: INTERACTION_TOKEN,
    channel_id: "444444444444444444",
    data: { custom_id: customId, component_type: 2 },
    message: { id: "555555555555555555", channel_id: "444444444444444444" },
    member: { user: { id: "666666666666666666", username: "alice", global_name: "Alice" } },
  });
}

function inject(body: string, headers: Record<string, string> = fake.signInteraction(body)) {
  return app.inject({
    method: "POST",
    url: "/discord/interactions",
    payload: body,
    headers: { "content-type": "application/json", ...headers },
  });
}

const counted = (p: Press): PressOutcome => ({
  kind: "counted",
  card: pendingCard({ approvals: 2, status: "approved", finalizationReason: `Approved by ${p.userName}.` }),
  text: "Your approval was counted.",
});

beforeEach(async () => {
  fake = await startFakeDiscord();
  presses = [];
  logs = [];
  outcome = async (p) => counted(p);
  const state = createMemoryBridgeState();
  app = Fastify();
  app.post("/elsewhere", async (request) => ({ echoed: request.body }));
  discord = registerDiscordInteractions(app, {
    publicKey: fake.publicKeyHex,
    applicationId: APP_ID,
    rest: createDiscordRest({ token: fake.token, api: fake.api }),
    onPress: async (p) => {
      presses.push(p);
      return outcome(p);
    },
    claim: (key, ttl) => state.claim(key, ttl),
    logger,
  });
  await app.ready();
});

afterEach(async () => {
  await discord.whenIdle();
  await app.close();
  await fake.close();
});

describe("registerDiscordInteractions", () => {
  it("answers PING with PONG", async () => {
    const response = await inject(JSON.stringify({ id: "1", type: 1, application_id: APP_ID, token: "t" }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ type: 1 });
  });

  it("defers a press at once, then votes, edits the original and sends an ephemeral follow-up", async () => {
    outcome = async (p) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return counted(p);
    };
    const started = Date.now();
    const response = await inject(press());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.json()).toEqual({ type: 6 });
    await fake.waitFor((requests) => requests.length >= 2, 5000);
    expect(presses).toEqual([
      {
        platform: "discord",
        pressId: "333333333333333333",
        escalationId: "esc_01HZX3K9",
        verdict: "approve",
        userId: "666666666666666666",
        userName: "Alice",
        channelId: "444444444444444444",
        messageId: "555555555555555555",
      },
    ]);
    const [edit, followUp] = fake.requests;
    expect(edit?.method).toBe("PATCH");
    expect(edit?.path).toBe(`/api/v10/webhooks/${APP_ID}/${INTERACTION_TOKEN}/messages/@original`);
    expect(edit?.body).toMatchObject({ components: [], allowed_mentions: { parse: [] } });
    expect(followUp?.method).toBe("POST");
    expect(followUp?.path).toBe(`/api/v10/webhooks/${APP_ID}/${INTERACTION_TOKEN}`);
    expect(followUp?.body).toEqual({
      content: "Your approval was counted.",
      flags: 64,
      allowed_mentions: { parse: [] },
    });
    expect(fake.requests.every((r) => !r.hasAuthorization)).toBe(true);
  }, 10_000);

  it("refuses forged requests with 401 and never calls onPress", async () => {
    const body = press();
    const good = fake.signInteraction(body);
    const other = await startFakeDiscord();
    const sig = good["x-signature-ed25519"]!;
    const flipped = `${sig.slice(0, -2)}${(Number.parseInt(sig.slice(-2), 16) ^ 0x80).toString(16).padStart(2, "0")}`;
    const forgeries: Record<string, string>[] = [
      other.signInteraction(body),
      { ...good, "x-signature-ed25519": flipped },
      { "x-signature-timestamp": good["x-signature-timestamp"]! },
      { "x-signature-ed25519": sig },
      {},
      { ...good, "x-signature-ed25519": "not-hex" },
    ];
    await other.close();
    for (const headers of forgeries) {
      expect((await inject(body, headers)).statusCode).toBe(401);
    }
    expect((await inject(press("777"), good)).statusCode).toBe(401);
    await discord.whenIdle();
    expect(presses).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it("refuses a timestamp 301 s old or ahead with 401", async () => {
    const body = press();
    for (const offset of [-301, 301]) {
      const response = await inject(body, fake.signInteraction(body, Math.floor(Date.now() / 1000) + offset));
      expect(response.statusCode).toBe(401);
    }
    expect(presses).toEqual([]);
  });

  it("counts a replayed interaction id once and tells the replayer it was handled", async () => {
    const body = press();
    expect((await inject(body)).json()).toEqual({ type: 6 });
    const replay = await inject(body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({
      type: 4,
      data: { content: "This press was already handled.", flags: 64 },
    });
    await discord.whenIdle();
    expect(presses).toHaveLength(1);
  });

  it("refuses a button the bridge did not make, ephemerally", async () => {
    const response = await inject(press("888", "someone-elses-button"));
    expect(response.json()).toEqual({ type: 4, data: { content: "That is not a sec0 button.", flags: 64 } });
    await discord.whenIdle();
    expect(presses).toEqual([]);
  });

  it("tells the presser a refusal in an ephemeral follow-up, and edits a stale card", async () => {
    outcome = async () => ({
      kind: "refused",
      reason: "final",
      text: "This escalation is already decided.",
      card: pendingCard({ status: "rejected", finalizationReason: "Rejected by bob." }),
    });
    expect((await inject(press())).json()).toEqual({ type: 6 });
    await discord.whenIdle();
    expect(fake.requests.map((r) => r.method)).toEqual(["PATCH", "POST"]);
    expect(fake.requests[1]?.body).toMatchObject({
      content: "This escalation is already decided.",
      flags: 64,
    });
  });

  it("sends only the follow-up for a refusal without a card", async () => {
    outcome = async () => ({ kind: "refused", reason: "not_allowed", text: "You may not approve this." });
    await inject(press());
    await discord.whenIdle();
    expect(fake.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(fake.requests[0]?.body).toMatchObject({ content: "You may not approve this.", flags: 64 });
  });

  it("logs a failing follow-up without the interaction or bot token and keeps serving", async () => {
    fake.failNext(500);
    fake.failNext(500);
    fake.failNext(500);
    outcome = async () => ({ kind: "refused", reason: "expired", text: "Expired." });
    await inject(press());
    await discord.whenIdle();
    const joined = logs.join("\n");
    expect(joined).toContain("discord press reply failed");
    expect(joined).not.toContain(INTERACTION_TOKEN);
    expect(joined).not.toContain(fake.token);
    expect((await inject(JSON.stringify({ type: 1 }))).json()).toEqual({ type: 1 });
  });

  it("still tells the presser when the card edit fails", async () => {
    fake.failNext(403);
    await inject(press());
    await discord.whenIdle();
    expect(fake.requests.map((r) => r.method)).toEqual(["PATCH", "POST"]);
    expect(fake.requests[1]?.body).toMatchObject({ content: "Your approval was counted.", flags: 64 });
  });

  it("tells the presser when the bridge core fails, and keeps the token out of the logs", async () => {
    outcome = async () => {
      throw new Error(`control plane down ${INTERACTION_TOKEN}`);
    };
    await inject(press());
    await discord.whenIdle();
    expect(fake.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(fake.requests[0]?.body).toMatchObject({
      flags: 64,
      content: expect.stringContaining("try again"),
    });
    expect(logs.join("\n")).not.toContain(INTERACTION_TOKEN);
  });

  it("refuses a body over 64 KB with 413", async () => {
    const body = JSON.stringify({ type: 1, padding: "x".repeat(65 * 1024) });
    expect((await inject(body)).statusCode).toBe(413);
  });

  it("refuses malformed JSON with a valid signature with 400", async () => {
    expect((await inject("{not json")).statusCode).toBe(400);
  });

  it("refuses other interaction types with 400", async () => {
    expect((await inject(JSON.stringify({ id: "1", type: 2 }))).statusCode).toBe(400);
  });

  it("leaves the rest of the app's JSON parsing alone", async () => {
    const response = await app.inject({ method: "POST", url: "/elsewhere", payload: { a: 1 } });
    expect(response.json()).toEqual({ echoed: { a: 1 } });
  });

  it("serves a press over a real socket within Discord's 3 s", async () => {
    outcome = async (p) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return counted(p);
    };
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const body = press();
    const started = Date.now();
    const response = await fetch(`${address}/discord/interactions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...fake.signInteraction(body) },
      body,
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 6 });
    await fake.waitFor((requests) => requests.length >= 2, 5000);
    expect(fake.requests.map((r) => r.method)).toEqual(["PATCH", "POST"]);
    const unsigned = await fetch(`${address}/discord/interactions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(unsigned.status).toBe(401);
  }, 10_000);
});
