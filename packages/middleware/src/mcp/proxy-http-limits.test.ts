// The Streamable HTTP proxy's boundary: bearer token, session cap, idle timeout, body and in-flight
// limits. Children are counted by the pid files the probe server writes, not by the proxy's word.
import { mkdtemp, readdir } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { type McpProxy, type McpProxyOptions, startMcpProxy } from "./proxy.js";

const probe = fileURLToPath(new URL("./__fixtures__/probe-server.mjs", import.meta.url));
const TOKEN = "proxy-token-0123456789abcdef";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function startHttp(
  http: NonNullable<McpProxyOptions["http"]>,
  pidDir?: string,
): Promise<{ proxy: McpProxy; url: URL }> {
  const proxy = await startMcpProxy({
    command: process.execPath,
    args: pidDir === undefined ? [probe] : [probe, "--pid-dir", pidDir],
    stderr: "ignore",
    governor: createFakeGovernor({ allow: ["pid", "sleep"] }),
    http,
  });
  cleanups.push(() => proxy.close());
  return { proxy, url: new URL(proxy.url ?? "") };
}

async function connect(url: URL, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "limits-client", version: "0.0.1" });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  cleanups.push(() => client.close());
  return client;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function post(url: URL, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.setTimeout(8_000, () => req.destroy(new Error("no answer within 8 s")));
    req.on("error", reject);
    req.end(typeof body === "string" ? body : JSON.stringify(body));
  });
}

const initialize = (id: number, padding = "") => ({
  jsonrpc: "2.0",
  id,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: `raw-${id}`, version: "1", padding },
  },
});

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("Streamable HTTP proxy limits", () => {
  it("caps sessions: 25 initializes with maxSessions 3 start at most 3 children, the rest get 503", async () => {
    const pidDir = await mkdtemp(join(tmpdir(), "sec0-proxy-pids-"));
    const { url } = await startHttp({ port: 0, maxSessions: 3 }, pidDir);

    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => post(url, initialize(i + 1))));

    const ok = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 503);
    expect(ok.length).toBe(3);
    expect(refused.length).toBe(22);
    expect(JSON.parse(refused[0]?.body ?? "{}")).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readdir(pidDir)).length).toBe(3);
  });

  it("frees the place of an initialize the SDK refuses at once, and kills its child", async () => {
    const pidDir = await mkdtemp(join(tmpdir(), "sec0-proxy-pids-"));
    const { url } = await startHttp({ port: 0, maxSessions: 1 }, pidDir);

    const refused = await post(url, { jsonrpc: "2.0", id: 1, method: "initialize", params: {} });
    expect(refused.status).toBe(400);
    const [first] = await readdir(pidDir);
    expect(await waitFor(() => !isAlive(Number(first)), 6_000)).toBe(true);

    expect((await post(url, initialize(2))).status).toBe(200);
  });

  it("requires the bearer token when one is set: 401 with WWW-Authenticate without it or with a wrong one", async () => {
    const { url } = await startHttp({ port: 0, token: TOKEN });

    const missing = await post(url, initialize(1));
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer realm="sec0-mcp-proxy"/);
    const wrong = await post(url, initialize(2), { authorization: `Bearer ${TOKEN.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(JSON.parse(wrong.body)).toMatchObject({ error: { code: -32001 } });

    const client = await connect(url, { authorization: `Bearer ${TOKEN}` });
    const answer = await client.callTool({ name: "pid", arguments: {} });
    expect(Number((answer.content as { text: string }[])[0]?.text)).toBeGreaterThan(0);
  });

  it("refuses to bind beyond loopback without a token, before listening", async () => {
    for (const host of ["192.0.2.1", "0.0.0.0", "::"]) {
      await expect(startHttp({ port: 0, host })).rejects.toMatchObject({
        code: "MIDDLEWARE_PROXY_TOKEN_REQUIRED",
      });
    }
    await expect(startHttp({ port: 0, token: "short" })).rejects.toMatchObject({
      code: "MIDDLEWARE_PROXY_OPTIONS_INVALID",
    });
  });

  it("reaps an idle session: the child is killed and the session id is gone", async () => {
    const { url } = await startHttp({ port: 0, idleTimeoutMs: 300, maxSessions: 1 });
    const client = await connect(url);
    const answer = await client.callTool({ name: "pid", arguments: {} });
    const pid = Number((answer.content as { text: string }[])[0]?.text);
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId ?? "";
    expect(isAlive(pid)).toBe(true);

    expect(await waitFor(() => !isAlive(pid), 6_000)).toBe(true);
    const after = await post(
      url,
      { jsonrpc: "2.0", id: 9, method: "tools/list" },
      { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-06-18" },
    );
    expect(after.status).toBe(404);
    // Its place is free again.
    expect((await post(url, initialize(10))).status).toBe(200);
  });

  it("answers 413 to a body over maxBodyBytes, on initialize and inside a session", async () => {
    const pidDir = await mkdtemp(join(tmpdir(), "sec0-proxy-pids-"));
    const { url } = await startHttp({ port: 0, maxBodyBytes: 2048 }, pidDir);

    const big = await post(url, initialize(1, "x".repeat(8 * 1024)));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { code: -32000 } });
    expect(await readdir(pidDir)).toEqual([]);

    const client = await connect(url);
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId ?? "";
    const inside = await post(
      url,
      {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "pid", arguments: { x: "y".repeat(4096) } },
      },
      { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-06-18" },
    );
    expect(inside.status).toBe(413);
  });

  it("answers 429 past maxInFlightPerSession requests in flight in one session", async () => {
    const { url } = await startHttp({ port: 0, maxInFlightPerSession: 2 });
    const client = await connect(url);

    const calls = await Promise.allSettled(
      [1, 2, 3].map(() => client.callTool({ name: "sleep", arguments: { ms: 600 } })),
    );

    expect(calls.filter((call) => call.status === "fulfilled")).toHaveLength(2);
    const rejected = calls.find((call) => call.status === "rejected");
    expect(rejected?.status === "rejected" ? rejected.reason : undefined).toMatchObject({ code: 429 });
    // Once they are answered, the session takes requests again.
    expect((await client.callTool({ name: "sleep", arguments: { ms: 1 } })).isError).not.toBe(true);
  });
});
