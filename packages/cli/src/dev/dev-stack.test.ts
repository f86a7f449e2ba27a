// `sec0 dev` for real: the three built apps as child processes on free ports, wired together;
// then the `sec0 dev` command itself, stopped with Ctrl-C (SIGINT) as a user stops it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { DevStack } from "./dev-stack-types.js";
import { startDevStack } from "./start-dev-stack.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const APPS = ["control-plane", "gateway", "approvals-bridge"].map((app) =>
  join(REPO, "apps", app, "dist", "main.js"),
);
const CLI = join(REPO, "packages", "cli", "bin", "sec0.js");
const missing = [...APPS, join(REPO, "packages", "cli", "dist", "index.js")].filter(
  (path) => !existsSync(path),
);
const skipReason = missing.length === 0 ? undefined : `not built: ${missing.join(", ")} (run pnpm build)`;
if (skipReason !== undefined) console.warn(`sec0 dev tests skipped: ${skipReason}`);

const stacks: DevStack[] = [];
afterAll(async () => {
  for (const stack of stacks) await stack.stop();
});

async function call(stack: DevStack, headers: Record<string, string>) {
  const reply = await fetch(`${stack.urls.gateway}/mcp/echo/ping@1.0`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-idempotency-key": `k-${Math.random()}`, ...headers },
    body: JSON.stringify({ hello: "world" }),
  });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

describe.skipIf(skipReason !== undefined)("startDevStack", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "sec0-dev-")), "ws");

  it("starts the control plane, the gateway and the bridge wired together, and stops them", async () => {
    const stack = await startDevStack({
      dir,
      ports: "auto",
      approvers: ["alice"],
      env: { PATH: process.env.PATH },
    });
    stacks.push(stack);
    for (const base of [stack.urls.controlPlane, stack.urls.gateway, stack.urls.approvalsBridge])
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // The gateway takes only the key sec0 dev made, and forwards to the built-in echo upstream.
    expect(await call(stack, { "x-api-key": stack.keys.gatewayClient })).toMatchObject({
      status: 200,
      body: { ok: true, tool: "ping@1.0", args: { hello: "world" } },
    });
    expect((await call(stack, {})).status).toBe(401);
    // The control plane serves the console it prints.
    const consolePage = await fetch(stack.urls.console);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain("sec0 console");
    // The bridge is registered for escalation events, and its page takes the printed token only.
    const bridges = await fetch(`${stack.urls.controlPlane}/api/bridges`, {
      headers: { authorization: `Bearer ${stack.keys.admin}` },
    });
    expect(JSON.stringify(await bridges.json())).toContain(
      `${stack.urls.approvalsBridge}/webhooks/escalations`,
    );
    const page = `${stack.urls.approvalsBridge}/local/api/cards`;
    expect((await fetch(page)).status).toBe(401);
    expect((await fetch(page, { headers: { authorization: `Bearer ${stack.approvalsToken}` } })).status).toBe(
      200,
    );
    await stack.stop();
    for (const service of stack.services) expect(await service.exited).not.toBe("SIGKILL");
  }, 90_000);

  it("starts again on the same workspace with the same keys", async () => {
    const stack = await startDevStack({ dir, ports: "auto", approvers: ["alice"] });
    stacks.push(stack);
    const me = await fetch(`${stack.urls.controlPlane}/api/tenants/me`, {
      headers: { authorization: `Bearer ${stack.keys.admin}` },
    });
    expect(me.status).toBe(200);
    expect((await call(stack, { "x-api-key": stack.keys.gatewayClient })).status).toBe(200);
    await stack.stop();
  }, 90_000);

  it("with a bridge config naming a platform, the bridge speaks to it (here a local Telegram API)", async () => {
    const paths: string[] = [];
    const telegram = createServer((req, res) => {
      paths.push(req.url ?? "");
      const method = (req.url ?? "").split("/").at(-1);
      const result =
        method === "getMe"
          ? { id: 42, is_bot: true, first_name: "sec0", username: "sec0_bot" }
          : method === "getUpdates"
            ? []
            : true;
      // getUpdates is a long poll: answer empty after a moment, as Telegram does.
      setTimeout(
        () =>
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ ok: true, result })),
        method === "getUpdates" ? 200 : 0,
      );
    });
    await new Promise<void>((done) => telegram.listen(0, "127.0.0.1", done));
    const apiRoot = `http://127.0.0.1:${(telegram.address() as { port: number }).port}`;
    try {
      const stack = await startDevStack({
        dir: join(mkdtempSync(join(tmpdir(), "sec0-dev-tg-")), "ws"),
        ports: "auto",
        approvers: ["alice"],
        env: { PATH: process.env.PATH, TELEGRAM_BOT_TOKEN: "123456:test-token" },
        bridgeConfig: {
          telegram: { bot_token_ref: "env://TELEGRAM_BOT_TOKEN", mode: "polling", api_root: apiRoot },
          tenants: { dev: { telegram_chats: ["-1001"] } },
          approvers: [{ id: "alice", telegram: ["777"] }],
        },
      });
      stacks.push(stack);
      const deadline = Date.now() + 10_000;
      while (!paths.some((path) => path.endsWith("/getUpdates")) && Date.now() < deadline)
        await new Promise((wake) => setTimeout(wake, 50));
      expect(paths.some((path) => path === "/bot123456:test-token/getUpdates")).toBe(true);
      await stack.stop();
    } finally {
      telegram.closeAllConnections();
      await new Promise<void>((done) => telegram.close(() => done()));
    }
  }, 90_000);

  it("refuses --reset of a folder it did not make, and two replicas without Redis", async () => {
    const foreign = mkdtempSync(join(tmpdir(), "sec0-dev-foreign-"));
    writeFileSync(join(foreign, "thesis.tex"), "precious");
    await expect(startDevStack({ dir: foreign, reset: true })).rejects.toMatchObject({
      code: "CLI_DEV_STATE_INVALID",
    });
    expect(existsSync(join(foreign, "thesis.tex"))).toBe(true);
    await expect(startDevStack({ dir: join(foreign, "x"), gatewayReplicas: 2 })).rejects.toMatchObject({
      code: "CLI_DEV_OPTION_INVALID",
    });
  });
});

describe.skipIf(skipReason !== undefined)("sec0 dev", () => {
  it("prints the URLs and keys, prefixes each service's logs, and stops cleanly on Ctrl-C", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-dev-cli-"));
    mkdirSync(join(cwd, "home"));
    const child = spawn(process.execPath, [CLI, "dev", "--auto-ports", "--approver", "alice"], {
      cwd,
      env: { PATH: process.env.PATH, HOME: join(cwd, "home") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolveExit) =>
      child.once("exit", (code) => resolveExit(code)),
    );
    const deadline = Date.now() + 60_000;
    while (!out.includes("Ctrl-C stops everything") && Date.now() < deadline && child.exitCode === null)
      await new Promise((wake) => setTimeout(wake, 100));
    expect(out).toContain("sec0 dev is running:");
    expect(out).toMatch(
      /control plane\s+http:\/\/127\.0\.0\.1:\d+ {3}\(PGlite in \.sec0\/dev\/control-plane\)/,
    );
    expect(out).toMatch(/approvals page\s+http:\/\/127\.0\.0\.1:\d+\/local\/\?token=\S+/);
    expect(out).toMatch(/admin key\s+sec0_\w+/);
    expect(out).toMatch(/^\[gateway\]\s+\d\d:\d\d:\d\d info {2}sec0 gateway listening/m);
    expect(out).toMatch(/^\[control-plane\]\s+\d\d:\d\d:\d\d info {2}POST \/api\/keys → 201/m);
    expect(existsSync(join(cwd, ".sec0/dev/dev-secrets.json"))).toBe(true);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toContain("sec0 dev: stopped.");
    expect(out).toContain("sec0 gateway stopped");
  }, 90_000);
});
