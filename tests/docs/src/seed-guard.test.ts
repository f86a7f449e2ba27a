// The seed README's Guard API steps 5–9, as published, against the built sec0-sdk: steps 5 and 6
// standalone; 7 and 8 against the control plane's built bin (PGlite, 127.0.0.1), 8 also with that
// control plane down; 9 against the control plane and the approvals bridge's built bin, with a
// stand-in for Discord's REST API on 127.0.0.1 and a press signed as Discord signs it.
import { type ChildProcess, spawnSync } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { join } from "node:path";
import { freePort, startServiceProcess } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLI_BIN,
  childEnv,
  createScratchDir,
  DOCS_DIR,
  describeRun,
  killRunningChildren,
  missingBuildReason,
  REPO_DIR,
  removeScratchDir,
  runProcess,
  writeSigningKey,
} from "./run-process.js";

const FIXTURES = join(DOCS_DIR, "src", "__fixtures__", "seed");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");
const CONTROL_PLANE_BIN = join(REPO_DIR, "apps/control-plane/dist/main.js");
const BRIDGE_BIN = join(REPO_DIR, "apps/approvals-bridge/dist/main.js");
const CONTROL_PLANE_READY = /"url":"(http:\/\/[^"]+)".*sec0 control plane listening/;

const skipReason =
  missingBuildReason() ??
  (existsSync(CONTROL_PLANE_BIN)
    ? undefined
    : "apps/control-plane/dist/main.js missing; run `pnpm build` first");
if (skipReason !== undefined) console.warn(`seed guard tests skipped: ${skipReason}`);
if (!existsSync(BRIDGE_BIN)) {
  console.warn("seed step 9 skipped: apps/approvals-bridge/dist/main.js missing; run `pnpm build` first.");
}

/** The control plane's policy: api.allowed.com only, a call elsewhere escalated to a human. */
const CONTROL_PLANE_POLICY = (escalate: boolean) => `tenant: placeholder
security:
  egress_allowlist: ["api.allowed.com"]
enforcement:
  deny_on: [egress_violation]
${escalate ? "  escalate_on: [egress_violation]\n" : ""}`;

const children: ChildProcess[] = [];
const dirs: string[] = [];
let controlPlane = "";
let keys: { acme: string; approvals: string; voter: string } = { acme: "", approvals: "", voter: "" };

function initTenant(cwd: string, tenant: string): string {
  const init = spawnSync(process.execPath, [CONTROL_PLANE_BIN, "init", "--tenant", tenant], {
    cwd,
    encoding: "utf8",
    env: childEnv(),
  });
  expect(init.status, init.stderr).toBe(0);
  return /^admin key.*: (\S+)$/m.exec(init.stdout)?.[1] ?? "";
}

async function api(method: string, path: string, key: string, body?: string, type = "application/json") {
  const response = await fetch(`${controlPlane}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": type }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, json: text.startsWith("{") ? JSON.parse(text) : text };
}

beforeAll(async () => {
  if (skipReason !== undefined) return;
  const cwd = createScratchDir("seed-guard-cp");
  dirs.push(cwd);
  const acme = initTenant(cwd, "acme");
  const approvals = initTenant(cwd, "approvals");
  ({ url: controlPlane } = await startServiceProcess({
    bin: CONTROL_PLANE_BIN,
    cwd,
    env: { ...childEnv(), SEC0_CONTROL_PLANE_PORT: "0", LOG_LEVEL: "info" },
    ready: CONTROL_PLANE_READY,
    children,
  }));
  controlPlane = controlPlane.replace(/\/$/, "");
  for (const [tenant, key, escalate] of [
    ["acme", acme, false],
    ["approvals", approvals, true],
  ] as const) {
    const put = await api(
      "PUT",
      `/api/policy/${tenant}?level=middleware`,
      key,
      CONTROL_PLANE_POLICY(escalate).replace("placeholder", tenant),
      "text/yaml",
    );
    expect(put.status, JSON.stringify(put.json)).toBe(201);
  }
  const voter = await api(
    "POST",
    "/api/keys",
    approvals,
    JSON.stringify({ label: "approver", scopes: ["escalation:vote"], userId: "alice" }),
  );
  expect(voter.status, JSON.stringify(voter.json)).toBe(201);
  keys = { acme, approvals, voter: voter.json.key };
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  killRunningChildren();
  for (const dir of dirs) removeScratchDir(dir);
});

/** Writes the parts as snippet.mjs in a new scratch dir with a signing key, runs it, returns stdout. */
async function runSnippet(
  parts: readonly string[],
  env: Record<string, string> = {},
  setup?: (dir: string) => void,
) {
  const dir = createScratchDir("seed-guard");
  dirs.push(dir);
  writeSigningKey(dir);
  setup?.(dir);
  writeFileSync(join(dir, "snippet.mjs"), parts.join("\n"));
  const result = await runProcess(process.execPath, ["snippet.mjs"], {
    cwd: dir,
    env: childEnv(env),
    timeoutMs: 30_000,
  });
  expect(result.code, describeRun("snippet.mjs", result)).toBe(0);
  const verify = await runProcess(
    process.execPath,
    [CLI_BIN, "audit", "verify", ".sec0", "--key", "file://./.sec0/keys/ed25519.key"],
    { cwd: dir, timeoutMs: 15_000 },
  );
  expect(verify.code, describeRun("sec0 audit verify", verify)).toBe(0);
  return result;
}

const DECIDE_EPILOGUE = `
const __decisions = [];
for (const target of ["https://evil.example/path", "https://api.allowed.com/v1"]) {
  const d = await guard.check({ kind: "api_call", target });
  __decisions.push({ outcome: d.outcome, reason: d.reason, source: d.provider.source, mode: d.provider.mode });
}
await guard.close();
console.log(JSON.stringify(__decisions));`;

describe.skipIf(skipReason !== undefined)("seed README Guard API, steps 5–9 as published", () => {
  it("steps 5 and 6: a standalone guard blocks the supplier message through onBlock; other messages are sent", async () => {
    const prelude = `
const outboundMessage = "Please ship 40 units by Friday.";
const conversationId = "conv-1";
const sent = [];
async function sendToSupplier(text) { sent.push(text); return { sent: true }; }`;
    const epilogue = `
const __other = await guard.execute(
  { kind: "message_outbound", target: "discord:team", content: outboundMessage },
  async (guardedInput) => ({ sent: true, text: String(guardedInput.content) }),
);
await guard.close();
console.log(JSON.stringify({ result: __result, other: __other, sent }));`;
    const step6 = fixture("000-step6-guard-execute.mjs").replace(
      "await guard.execute(",
      "const __result = await guard.execute(",
    );
    const result = await runSnippet([fixture("000-step5-guard-standalone.mjs"), prelude, step6, epilogue]);
    expect(JSON.parse(result.stdout)).toEqual({
      result: { sent: false, reason: "supplier_messages_require_review" },
      other: { sent: true, text: "Please ship 40 units by Friday." },
      sent: [],
    });
  });

  it("step 5 with local: { policyPath: './policy.yaml' } (step 1's file) instead of inline rules", async () => {
    const snippet = fixture("000-step5-guard-standalone.mjs").replace(
      /local: \{\n\s+policy: \{[\s\S]*?\n {6}\},\n {4}\},/,
      'local: { policyPath: "./policy.yaml" },',
    );
    expect(snippet).toContain('local: { policyPath: "./policy.yaml" }');
    const result = await runSnippet([snippet, DECIDE_EPILOGUE], {}, (dir) =>
      writeFileSync(join(dir, "policy.yaml"), fixture("000-step1-policy.yaml")),
    );
    const decisions = JSON.parse(result.stdout) as Array<{ source: string }>;
    expect(decisions.every((d) => d.source === "local")).toBe(true);
  });

  it("step 7: a dashboard guard takes its policy from the control plane (key from SEC0_API_KEY)", async () => {
    const result = await runSnippet(
      [
        'import { createSec0Guard } from "sec0-sdk/guard";',
        fixture("000-step7-guard-dashboard.mjs"),
        DECIDE_EPILOGUE,
      ],
      { SEC0_API_KEY: keys.acme, SEC0_CONTROL_PLANE_URL: controlPlane },
    );
    expect(JSON.parse(result.stdout)).toEqual([
      { outcome: "block", reason: "egress_violation", source: "remote", mode: "dashboard" },
      { outcome: "allow", reason: null, source: "remote", mode: "dashboard" },
    ]);
  });

  it("step 8: hybrid serves the control plane's policy, and the local policy.yaml when it is down", async () => {
    const snippet = [
      'import { createSec0Guard } from "sec0-sdk/guard";',
      fixture("000-step8-guard-hybrid.mjs"),
      DECIDE_EPILOGUE,
    ];
    const withPolicy = (dir: string) =>
      writeFileSync(join(dir, "policy.yaml"), fixture("000-step1-policy.yaml"));
    const up = await runSnippet(
      snippet,
      { SEC0_API_KEY: keys.acme, SEC0_CONTROL_PLANE_URL: controlPlane },
      withPolicy,
    );
    expect((JSON.parse(up.stdout) as Array<{ source: string }>).map((d) => d.source)).toEqual([
      "remote",
      "remote",
    ]);
    const down = await runSnippet(
      snippet,
      { SEC0_API_KEY: keys.acme, SEC0_CONTROL_PLANE_URL: `http://127.0.0.1:${await freePort()}` },
      withPolicy,
    );
    const decisions = JSON.parse(down.stdout) as Array<{ source: string; outcome: string }>;
    // Step 1's policy observes only: the local fallback allows and records.
    expect(decisions).toEqual([
      expect.objectContaining({ source: "local-fallback", outcome: "allow" }),
      expect.objectContaining({ source: "local-fallback", outcome: "allow" }),
    ]);
  });

  describe.skipIf(!existsSync(BRIDGE_BIN))(
    "step 9: approvals through the control plane and the approvals bridge",
    () => {
      // A stand-in for Discord's REST API on 127.0.0.1 (the bridge's `discord.api`): it keeps the
      // cards the bridge posts; the test signs button presses with the application's key, as Discord does.
      const { publicKey, privateKey } = generateKeyPairSync("ed25519");
      const publicHex = publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
      const discordRequests: Array<{ method: string; path: string; body: unknown }> = [];
      let discord: Server;
      let bridgeUrl = "";
      const token = "bridge-token-0123456789";
      const secret = "bridge-shared-secret-0123456789";
      beforeAll(async () => {
        let next = 1000;
        discord = createHttpServer((req, res) => {
          let body = "";
          req.setEncoding("utf8").on("data", (chunk: string) => {
            body += chunk;
          });
          req.on("end", () => {
            const parsed = body === "" ? undefined : JSON.parse(body);
            discordRequests.push({
              method: req.method ?? "",
              path: decodeURIComponent(req.url ?? ""),
              body: parsed,
            });
            const channel = /\/channels\/(\d+)\//.exec(req.url ?? "")?.[1] ?? "100";
            res.writeHead(200, { "content-type": "application/json" });
            next += 1;
            res.end(JSON.stringify({ id: String(next), channel_id: channel, ...(parsed ?? {}) }));
          });
        });
        await new Promise<void>((resolve) => discord.listen(0, "127.0.0.1", resolve));
        const discordApi = `http://127.0.0.1:${(discord.address() as { port: number }).port}/api`;
        const bridgeKey = await api(
          "POST",
          "/api/keys",
          keys.approvals,
          JSON.stringify({ label: "bridge", scopes: ["escalation:vote_for"] }),
        );
        expect(bridgeKey.status).toBe(201);
        const dir = createScratchDir("seed-guard-bridge");
        dirs.push(dir);
        writeSigningKey(dir);
        writeFileSync(
          join(dir, "bridge.yaml"),
          JSON.stringify({
            control_plane: { url: controlPlane },
            webhook: { bearer_token_ref: "env://BRIDGE_TOKEN", shared_secret_ref: "env://BRIDGE_SECRET" },
            discord: {
              bot_token_ref: "env://DISCORD_BOT_TOKEN",
              application_id: "1",
              public_key: publicHex,
              api: discordApi,
            },
            tenants: { approvals: { control_plane_key_ref: "env://BRIDGE_KEY", discord_channels: ["100"] } },
            approvers: [{ id: "alice", tenants: ["approvals"], discord: ["555"] }],
          }),
        );
        ({ url: bridgeUrl } = await startServiceProcess({
          bin: BRIDGE_BIN,
          cwd: dir,
          env: {
            ...childEnv(),
            SEC0_APPROVALS_BRIDGE_CONFIG: "bridge.yaml",
            SEC0_APPROVALS_BRIDGE_PORT: "0",
            BRIDGE_TOKEN: token,
            BRIDGE_SECRET: secret,
            DISCORD_BOT_TOKEN: "discord-bot-token",
            BRIDGE_KEY: bridgeKey.json.key,
          },
          ready: /"url":"(http:\/\/[^"]+)".*sec0 approvals bridge listening/,
          children,
        }));
        bridgeUrl = bridgeUrl.replace(/\/$/, "");
      }, 30_000);
      afterAll(() => new Promise<void>((resolve) => discord.close(() => resolve())));

      /** Alice presses Approve on the card: an interaction signed with the application's key. */
      async function pressApprove(card: { body: unknown }): Promise<number> {
        const components = (card.body as { components: Array<{ components: Array<{ custom_id: string }> }> })
          .components;
        const body = JSON.stringify({
          id: "900000000000000001",
          application_id: "1",
          type: 3,
          token: "interaction-token",
          version: 1,
          channel_id: "100",
          member: { user: { id: "555", username: "alice" } },
          message: { id: "1001", channel_id: "100" },
          data: { custom_id: components[0]?.components[0]?.custom_id, component_type: 2 },
        });
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
        const response = await fetch(`${bridgeUrl}/discord/interactions`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-signature-ed25519": signature,
            "x-signature-timestamp": timestamp,
          },
          body,
        });
        return response.status;
      }

      it("escalates, the bridge posts the card, alice approves in Discord, the action runs once", async () => {
        const epilogue = `
const __ran = [];
const __result = await guard.execute(
  { kind: "api_call", target: "https://payments.example/refund", content: { amount: 40 }, context: { nodeId: "merchant-agent", runId: "run-9" } },
  async () => { __ran.push("refund"); return "refunded"; },
);
await guard.close();
console.log(JSON.stringify({ result: __result, ran: __ran }));`;
        const ts = fixture("000-step9-guard-approvals.ts");
        const js = ts.replace(/!,/g, ",").replace(/!\)/g, ")");
        expect(js).not.toMatch(/[A-Z_]!/);
        const running = runSnippet([js, epilogue], {
          SEC0_API_KEY: keys.approvals,
          SEC0_CONTROL_PLANE_URL: controlPlane,
          SEC0_APPROVALS_BRIDGE_URL: bridgeUrl,
          SEC0_TENANT_ID: "approvals",
          SEC0_APPROVALS_BRIDGE_TOKEN: token,
          SEC0_APPROVALS_BRIDGE_SHARED_SECRET: secret,
        });
        let card: { body: unknown } | undefined;
        for (let i = 0; i < 100 && card === undefined; i += 1) {
          card = discordRequests.find(
            (r) => r.method === "POST" && r.path.endsWith("/channels/100/messages"),
          );
          if (card === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(card, "the bridge posted the card to Discord").toBeDefined();
        expect(await pressApprove(card as { body: unknown })).toBe(200);
        const result = await running;
        const [requested, resolved] = result.stdout.split("\n").filter((line) => !line.startsWith("{"));
        expect(requested).toMatch(/^requested esc_/);
        expect(resolved).toBe("resolved approved");
        expect(JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "")).toEqual({
          result: "refunded",
          ran: ["refund"],
        });
        // The card was edited to its final state through the interaction's webhook.
        expect(
          discordRequests.some((r) => r.method === "PATCH" && r.path.includes("/messages/@original")),
        ).toBe(true);
      });
    },
  );
});
