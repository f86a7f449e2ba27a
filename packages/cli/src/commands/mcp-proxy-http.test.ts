// `sec0 mcp proxy --http`: a bearer token from a variable or a file (never the command line),
// required beyond loopback, withheld from the wrapped server like every other secret.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";
import { runMcpProxy } from "./mcp-proxy.js";

const probe = fileURLToPath(
  new URL("../../../middleware/src/mcp/__fixtures__/probe-server.mjs", import.meta.url),
);
const POLICY =
  'tenant: acme\nsigning:\n  key_ref: "env://SEC0_SIGNING_KEY"\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: []\n';
const TOKEN = "cli-proxy-token-0123456789";

async function workspace(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-http-"));
  await writeFile(join(cwd, "policy.yaml"), POLICY);
  return cwd;
}

const hostEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH,
  SEC0_SIGNING_KEY: createTestKey().seed.toString("base64"),
  ...extra,
});

async function waitForUrl(io: { err: string }, ms: number): Promise<URL> {
  const until = Date.now() + ms;
  for (;;) {
    const url = / at (http:\/\/\S+)/.exec(io.err)?.[1];
    if (url !== undefined) return new URL(url);
    if (Date.now() > until) throw new Error(`the proxy did not print its URL within ${ms} ms: ${io.err}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One JSON-RPC POST over Streamable HTTP; the answer is JSON or one SSE `data:` line. */
async function rpc(
  url: URL,
  message: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ status: number; sessionId: string | null; body: Record<string, unknown> | undefined }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: "2.0", ...message }),
    signal: AbortSignal.timeout(8_000),
  });
  const text = await response.text();
  const data = text.startsWith("{") ? text : /^data: (.*)$/m.exec(text)?.[1];
  return {
    status: response.status,
    sessionId: response.headers.get("mcp-session-id"),
    body: data === undefined ? undefined : (JSON.parse(data) as Record<string, unknown>),
  };
}

const INITIALIZE = {
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

describe("sec0 mcp proxy --http", () => {
  it("refuses a non-loopback --host without a token, naming the fix", async () => {
    const io = captureIo(await workspace(), hostEnv());
    const argv = ["mcp", "proxy", "--policy", "policy.yaml", "--http", "0", "--host", "192.0.2.1"];
    expect(await runCli([...argv, "--", process.execPath, probe], io)).toBe(1);
    expect(io.err).toMatch(/^sec0: MIDDLEWARE_PROXY_TOKEN_REQUIRED: .*192\.0\.2\.1/);
    expect(io.err).toContain("SEC0_PROXY_TOKEN");
  });

  it("refuses a literal --token (visible through ps) and an unset variable", async () => {
    const cwd = await workspace();
    for (const token of [TOKEN, "env://NOT_SET_ANYWHERE"]) {
      const io = captureIo(cwd, hostEnv());
      const argv = ["mcp", "proxy", "--policy", "policy.yaml", "--http", "0", "--token", token];
      expect(await runCli([...argv, "--", process.execPath, probe], io)).toBe(1);
      expect(io.err).toMatch(/^sec0: MCP_PROXY_TOKEN_REF_INVALID: /);
      expect(io.err).not.toContain(TOKEN);
    }
  });

  it("serves with --token env://NAME: 401 without it, a session with it, and the server never sees it", async () => {
    const io = captureIo(await workspace(), hostEnv({ MCP_TOKEN: TOKEN }));
    const stop = new AbortController();
    const running = runMcpProxy(
      {
        policy: "policy.yaml",
        auditDir: ".sec0",
        host: "127.0.0.1",
        http: 0,
        token: "env://MCP_TOKEN",
        maxSessions: 2,
        command: process.execPath,
        args: [probe],
      },
      io,
      stop.signal,
    );
    try {
      const url = await waitForUrl(io, 8_000);
      expect(io.err).toContain("(bearer token required)");
      expect((await rpc(url, INITIALIZE, {})).status).toBe(401);
      expect((await rpc(url, INITIALIZE, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);

      const auth = { authorization: `Bearer ${TOKEN}` };
      const init = await rpc(url, INITIALIZE, auth);
      expect(init.status).toBe(200);
      const session = {
        ...auth,
        "mcp-session-id": init.sessionId ?? "",
        "mcp-protocol-version": "2025-06-18",
      };
      expect((await rpc(url, { method: "notifications/initialized" }, session)).status).toBe(202);
      const call = await rpc(
        url,
        { id: 2, method: "tools/call", params: { name: "env", arguments: {} } },
        session,
      );
      const result = call.body?.result as { content: { text: string }[] };
      const env = JSON.parse(result.content[0]?.text ?? "{}") as Record<string, string>;
      expect(env.PATH).toBe(process.env.PATH);
      expect(env).not.toHaveProperty("MCP_TOKEN");
      expect(Object.values(env)).not.toContain(TOKEN);
      expect(Object.keys(env).filter((name) => name.startsWith("SEC0_"))).toEqual([]);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
    expect(io.err).not.toContain(TOKEN);
  });
});
