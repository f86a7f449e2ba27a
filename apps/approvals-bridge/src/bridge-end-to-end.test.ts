// End to end on 127.0.0.1: a guard escalation → the control plane (its built bin, PGlite) → this
// bridge → cards on local Discord and Telegram servers → a signed press by an allowed user → the
// control plane finalizes → the waiting call resumes with its approval token and runs once. And
// every press that must not count: unknown user, forged signature, replayed interaction, stale
// timestamp, a press after expiry, a press on an escalation already final.
import { type ChildProcess, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApprovalsBridgeTransport, createSec0Guard } from "@sec0/guard";
import { createMemoryAuditSink, startServiceProcess } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BEARER, createdEvent, SECRET, signedHeaders } from "./__fixtures__/bridge-fixtures.js";
import { parseBridgeConfig } from "./config/load-bridge-config.js";
import { createApprovalsBridge } from "./create-approvals-bridge.js";
import { type FakeDiscord, startFakeDiscord } from "./discord/__fixtures__/fake-discord.js";
import { createBridgeLogger } from "./logger.js";
import { encodeButton } from "./platforms/platform.js";
import { createMemoryBridgeState } from "./state/memory-bridge-state.js";
import {
  callbackQueryUpdate,
  type FakeTelegram,
  startFakeTelegram,
} from "./telegram/__fixtures__/fake-telegram.js";

const CONTROL_PLANE_BIN = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "control-plane",
  "dist",
  "main.js",
);
const READY = /"url":"(http:\/\/[^"]+)".*sec0 control plane listening/;
const skipReason = existsSync(CONTROL_PLANE_BIN)
  ? undefined
  : `${CONTROL_PLANE_BIN} missing; run \`pnpm build\` first`;
if (skipReason !== undefined) console.warn(`approvals bridge end-to-end tests skipped: ${skipReason}`);

const POLICY = `tenant: acme
security:
  egress_allowlist: ["api.allowed.com"]
enforcement:
  deny_on: [egress_violation]
  escalate_on: [egress_violation]
`;
const ALICE = { discord: "111111111111111111", telegram: 2222 };
const MALLORY = { discord: "999999999999999999", telegram: 9999 };
const DISCORD_CHANNEL = "100000000000000001";
const TELEGRAM_CHAT = -100123;
const APPLICATION_ID = "200000000000000002";

const children: ChildProcess[] = [];
let dir: string;
let controlPlane = "";
let admin = "";
let requesterKey = "";
let discord: FakeDiscord;
let telegram: FakeTelegram;
let bridge: ReturnType<typeof createApprovalsBridge>;
let bridgeUrl = "";
const audit = createMemoryAuditSink();

async function api(method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${controlPlane}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined
        ? {}
        : { "content-type": typeof body === "string" ? "text/yaml" : "application/json" }),
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text.startsWith("{") ? JSON.parse(text) : text };
}

async function newKey(scopes: string[]): Promise<string> {
  const created = await api("POST", "/api/keys", admin, { label: scopes.join(","), scopes });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.key as string;
}

beforeAll(async () => {
  if (skipReason !== undefined) return;
  dir = mkdtempSync(join(tmpdir(), "sec0-bridge-e2e-"));
  mkdirSync(join(dir, "cp"));
  const init = spawnSync(process.execPath, [CONTROL_PLANE_BIN, "init", "--tenant", "acme"], {
    cwd: join(dir, "cp"),
    encoding: "utf8",
  });
  expect(init.status, init.stderr).toBe(0);
  admin = /^admin key.*: (\S+)$/m.exec(init.stdout)?.[1] ?? "";
  ({ url: controlPlane } = await startServiceProcess({
    bin: CONTROL_PLANE_BIN,
    cwd: join(dir, "cp"),
    env: { SEC0_CONTROL_PLANE_PORT: "0", LOG_LEVEL: "info" },
    ready: READY,
    children,
  }));
  controlPlane = controlPlane.replace(/\/$/, "");
  expect((await api("PUT", "/api/policy/acme?level=middleware", admin, POLICY)).status).toBe(201);
  requesterKey = await newKey(["policy:read", "escalation:create"]);
  const bridgeKey = await newKey(["escalation:vote_for"]);
  discord = await startFakeDiscord();
  telegram = await startFakeTelegram();
  const config = parseBridgeConfig({
    control_plane: { url: controlPlane, timeout_ms: 3000 },
    webhook: { bearer_token_ref: "env://B", shared_secret_ref: "env://S" },
    discord: {
      bot_token_ref: "env://D",
      application_id: APPLICATION_ID,
      public_key: discord.publicKeyHex,
      api: discord.api,
    },
    telegram: { bot_token_ref: "env://T", secret_token_ref: "env://TS", api_root: telegram.apiRoot },
    tenants: {
      acme: {
        control_plane_key_ref: "env://K",
        discord_channels: [DISCORD_CHANNEL],
        telegram_chats: [TELEGRAM_CHAT],
      },
    },
    approvers: [{ id: "alice", tenants: ["acme"], discord: [ALICE.discord], telegram: [ALICE.telegram] }],
  });
  bridge = createApprovalsBridge({
    config,
    secrets: {
      webhookBearer: BEARER,
      webhookSecret: SECRET,
      discordToken: discord.token,
      telegramToken: telegram.token,
      telegramSecret: "telegram-secret-token",
      tenantKeys: new Map([["acme", bridgeKey]]),
    },
    state: createMemoryBridgeState(),
    audit,
    logger: createBridgeLogger("silent"),
    telegramIntervalMs: 10,
  });
  bridgeUrl = (await bridge.app.listen({ port: 0, host: "127.0.0.1" })).replace(/\/$/, "");
}, 60_000);

afterAll(async () => {
  await bridge?.close();
  await discord?.close();
  await telegram?.close();
  for (const child of children) child.kill("SIGKILL");
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function guard() {
  return createSec0Guard({
    provider: { remote: { auth: { apiKey: requesterKey }, controlPlaneUrl: controlPlane, tenant: "acme" } },
    escalation: { timeoutMs: 20_000, pollIntervalMs: 200 },
    transport: createApprovalsBridgeTransport({
      bridgeUrl,
      tenantId: "acme",
      bearerToken: BEARER,
      sharedSecret: SECRET,
    }),
    audit: { sink: createMemoryAuditSink() },
  });
}

/** A Discord button press as Discord sends it, signed (or not) by the application's key. */
function discordPress(
  escalationId: string,
  userId: string,
  options: { id?: string; messageId?: string; timestamp?: number } = {},
) {
  const body = JSON.stringify({
    id: options.id ?? `3${randomBytes(8).readBigUInt64BE().toString().slice(0, 17)}`,
    application_id: APPLICATION_ID,
    type: 3,
    token: `itok_${randomBytes(8).toString("hex")}`,
    version: 1,
    channel_id: DISCORD_CHANNEL,
    member: { user: { id: userId, username: "user" } },
    message: { id: options.messageId ?? "1", channel_id: DISCORD_CHANNEL },
    data: { custom_id: encodeButton("approve", escalationId), component_type: 2 },
  });
  return {
    body,
    headers: { "content-type": "application/json", ...discord.signInteraction(body, options.timestamp) },
  };
}

const sendDiscord = (press: { body: string; headers: Record<string, string> }) =>
  fetch(`${bridgeUrl}/discord/interactions`, { method: "POST", body: press.body, headers: press.headers });

async function escalationState(id: string) {
  return (await api("GET", `/api/escalations/${id}`, requesterKey)).json.escalation as {
    status: string;
    approvals: number;
  };
}

describe.skipIf(skipReason !== undefined)(
  "guard → control plane → bridge → Discord / Telegram → guard",
  () => {
    it("posts cards, refuses every press that must not count, and runs the call once after alice approves", async () => {
      const g = guard();
      let runs = 0;
      const pending = g.execute(
        { kind: "api_call", target: "https://evil.example/pay", content: { amount: 40 } },
        async () => {
          runs += 1;
          return "paid";
        },
      );
      await discord.waitFor(
        (requests) =>
          requests.some(
            (r) => r.method === "POST" && r.path.endsWith(`/channels/${DISCORD_CHANNEL}/messages`),
          ),
        10_000,
      );
      await telegram.waitFor("sendMessage", 1, 10_000);
      const card = discord.requests.find((r) => r.method === "POST" && r.path.endsWith("/messages"));
      expect(card?.isBotAuthorized).toBe(true);
      const body = card?.body as
        | { components?: Array<{ components: Array<{ custom_id: string }> }> }
        | undefined;
      const customId = body?.components?.[0]?.components[0]?.custom_id ?? "";
      const escalationId = customId.slice("s0:a:".length);
      expect(escalationId).toMatch(/^esc_/);
      expect(JSON.stringify(card?.body)).toContain("guard:api_call:https://evil.example/pay");

      // A forged signature and a stale timestamp: 401, nothing counted.
      // Mallory's press re-signed as nobody: the body now names alice, the signature is for the original.
      const forged = discordPress(escalationId, MALLORY.discord);
      const asAlice = forged.body.replace(MALLORY.discord, ALICE.discord);
      expect(asAlice).not.toBe(forged.body);
      expect((await sendDiscord({ body: asAlice, headers: forged.headers })).status).toBe(401);
      const stale = discordPress(escalationId, ALICE.discord, {
        timestamp: Math.floor(Date.now() / 1000) - 400,
      });
      expect((await sendDiscord(stale)).status).toBe(401);
      // An unknown user: acknowledged, told they may not approve, not counted.
      expect((await sendDiscord(discordPress(escalationId, MALLORY.discord))).status).toBe(200);
      await discord.waitFor(
        (requests) =>
          requests.some(
            (r) =>
              r.method === "POST" &&
              r.path.includes("/webhooks/") &&
              JSON.stringify(r.body).includes("not an approver"),
          ),
        10_000,
      );
      expect((await escalationState(escalationId)).approvals).toBe(0);
      // Alice approves on Discord: the control plane finalizes, the guard resumes and runs once.
      const approve = discordPress(escalationId, ALICE.discord, { id: "400000000000000004" });
      expect((await sendDiscord(approve)).status).toBe(200);
      await expect(pending).resolves.toBe("paid");
      expect(runs).toBe(1);
      expect((await escalationState(escalationId)).status).toBe("approved");
      // The same interaction again: handled once.
      const before = audit.records.length;
      expect(
        (await sendDiscord(discordPress(escalationId, ALICE.discord, { id: "400000000000000004" }))).status,
      ).toBe(200);
      // Alice presses on Telegram after the decision: refused as final, the callback answered.
      const telegramCard = telegram.callsOf("sendMessage")[0];
      telegram.calls.length = 0;
      const update = callbackQueryUpdate({
        updateId: 7001,
        data: encodeButton("approve", escalationId),
        chatId: TELEGRAM_CHAT,
        messageId: Number((telegramCard?.body as { message_id?: number })?.message_id ?? 1),
        fromId: ALICE.telegram,
      });
      const hook = await fetch(`${bridgeUrl}/telegram/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": "telegram-secret-token",
        },
        body: JSON.stringify(update),
      });
      expect(hook.status).toBe(200);
      const [answer] = await telegram.waitFor("answerCallbackQuery", 1, 10_000);
      expect(JSON.stringify(answer?.body)).toMatch(/already/i);
      // The Telegram card was edited to the final state.
      await g.close();
      const presses = audit.records.slice(0, before + 2).filter((r) => r.tool === "bridge.press@1.0");
      expect(presses.map((r) => [r.platform, r.platform_user_id, r.outcome, r.reason])).toEqual(
        expect.arrayContaining([
          ["discord", MALLORY.discord, "refused", "not_allowed"],
          ["discord", ALICE.discord, "counted", null],
          ["telegram", String(ALICE.telegram), "refused", "final"],
        ]),
      );
      expect(presses.every((r) => typeof r.message_id === "string")).toBe(true);
    }, 60_000);

    it("refuses a press after the escalation expired", async () => {
      const created = await api("POST", "/api/escalations", requesterKey, {
        content: "transfer",
        violation: "egress_violation",
        tool_ref: "guard:api_call:x",
        ttl_seconds: 1,
      });
      expect(created.status).toBe(201);
      const id = created.json.escalation.id as string;
      const body = createdEvent(id);
      expect(
        (
          await fetch(`${bridgeUrl}/webhooks/escalations`, {
            method: "POST",
            body,
            headers: signedHeaders(body),
          })
        ).status,
      ).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const before = discord.requests.length;
      expect((await sendDiscord(discordPress(id, ALICE.discord))).status).toBe(200);
      await discord.waitFor(
        (requests) => requests.slice(before).some((r) => JSON.stringify(r.body).match(/expired|already/)),
        10_000,
      );
      expect((await escalationState(id)).approvals).toBe(0);
    }, 30_000);
  },
);
