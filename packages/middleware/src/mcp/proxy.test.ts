import { request } from "node:http";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { type McpProxy, startMcpProxy } from "./proxy.js";

const fixture = fileURLToPath(new URL("./__fixtures__/stdio-server.mjs", import.meta.url));
const child = { command: process.execPath, args: [fixture], stderr: "ignore" as const };
const allow = ["echo", "pid", "needs_login", "exit_soon", "slow"];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0] as { text: string }).text;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startStdioProxy(governor = createFakeGovernor({ allow })): Promise<{
  proxy: McpProxy;
  client: Client;
  toProxy: PassThrough;
  governor: ReturnType<typeof createFakeGovernor>;
}> {
  const toProxy = new PassThrough();
  const fromProxy = new PassThrough();
  const proxy = await startMcpProxy({ ...child, governor, stdin: toProxy, stdout: fromProxy });
  cleanups.push(() => proxy.close());
  const client = new Client({ name: "test-client", version: "0.0.1" });
  // The SDK's stdio server transport is a plain newline-delimited stream transport: here it plays the client's end.
  await within(client.connect(new StdioServerTransport(fromProxy, toProxy)), 5_000, "initialize");
  cleanups.push(() => client.close());
  return { proxy, client, toProxy, governor };
}

describe("startMcpProxy over stdio", () => {
  it("governs a child MCP server: filtered list, allowed and refused calls, identity from initialize", async () => {
    const { client, governor } = await startStdioProxy();

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...allow].sort());

    expect(textOf(await client.callTool({ name: "echo", arguments: { text: "hi" } }))).toBe("echo: hi");
    expect(governor.calls[0]).toMatchObject({
      server: { name: "fixture", version: "4.0.0" },
      tool: "echo",
      version: "1.5",
      args: { text: "hi" },
    });

    const refused = await client.callTool({ name: "wipe", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^tool_not_in_allowlist: /);
  });

  it("relays the server's JSON-RPC errors, unknown methods and progress unchanged", async () => {
    const { client } = await startStdioProxy();

    const error = await client
      .callTool({ name: "needs_login", arguments: {} })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.UrlElicitationRequired);

    const hello = await client.request(
      { method: "fixture/hello", params: {} },
      z.object({ hello: z.string() }),
    );
    expect(hello).toEqual({ hello: "world" });

    const progress: number[] = [];
    await client.callTool({ name: "slow", arguments: { steps: 2 } }, undefined, {
      onprogress: (update) => progress.push(update.progress),
    });
    expect(progress).toEqual([1, 2]);
  });

  it("ends with server_exited when the child exits", async () => {
    const { client, proxy } = await startStdioProxy();
    const pid = Number(textOf(await client.callTool({ name: "pid", arguments: {} })));

    expect(textOf(await client.callTool({ name: "exit_soon", arguments: {} }))).toBe("bye");

    expect(await within(proxy.closed, 5_000, "proxy end")).toBe("server_exited");
    expect(isAlive(pid)).toBe(false);
  });

  it("terminates the child when the client closes its input", async () => {
    const { client, proxy, toProxy } = await startStdioProxy();
    const pid = Number(textOf(await client.callTool({ name: "pid", arguments: {} })));

    toProxy.end();

    expect(await within(proxy.closed, 8_000, "proxy end")).toBe("client_closed");
    expect(isAlive(pid)).toBe(false);
  });

  it("reports a command that cannot start", async () => {
    const attempt = startMcpProxy({
      command: "/nonexistent/sec0-mcp-server",
      governor: createFakeGovernor({ allow }),
      stdin: new PassThrough(),
      stdout: new PassThrough(),
    });
    await expect(attempt).rejects.toMatchObject({ code: "MIDDLEWARE_PROXY_SPAWN_FAILED" });
  });
});

describe("startMcpProxy over Streamable HTTP", () => {
  async function startHttp(governor = createFakeGovernor({ allow })): Promise<{ proxy: McpProxy; url: URL }> {
    const proxy = await startMcpProxy({ ...child, governor, http: { port: 0 } });
    cleanups.push(() => proxy.close());
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    return { proxy, url: new URL(proxy.url ?? "") };
  }

  async function connectHttp(url: URL, headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client({ name: "http-client", version: "0.0.1" });
    const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
    await within(client.connect(transport), 5_000, "initialize over HTTP");
    cleanups.push(() => client.close());
    return client;
  }

  it("serves a governed session per client and passes the HTTP headers to the governor", async () => {
    const governor = createFakeGovernor({ allow });
    const { url } = await startHttp(governor);
    const client = await connectHttp(url, { "x-node-id": "planner" });

    expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain("wipe");
    expect(textOf(await client.callTool({ name: "echo", arguments: { text: "web" } }))).toBe("echo: web");
    expect(governor.calls[0]?.headers).toMatchObject({ "x-node-id": "planner" });
    expect((await client.callTool({ name: "wipe", arguments: {} })).isError).toBe(true);

    const progress: number[] = [];
    await client.callTool({ name: "slow", arguments: { steps: 3 } }, undefined, {
      onprogress: (update) => progress.push(update.progress),
    });
    expect(progress).toEqual([1, 2, 3]);
  });

  it("gives each session its own child and terminates it when the session ends", async () => {
    const { url } = await startHttp();
    const first = await connectHttp(url);
    const second = await connectHttp(url);
    const firstPid = Number(textOf(await first.callTool({ name: "pid", arguments: {} })));
    const secondPid = Number(textOf(await second.callTool({ name: "pid", arguments: {} })));
    expect(firstPid).not.toBe(secondPid);

    await (first.transport as StreamableHTTPClientTransport).terminateSession();

    await within(
      (async () => {
        for (let attempt = 0; attempt < 100 && isAlive(firstPid); attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })(),
      6_000,
      "child exit",
    );
    expect(isAlive(firstPid)).toBe(false);
    expect(isAlive(secondPid)).toBe(true);
  });

  it("rejects a foreign Host header and requests without a session", async () => {
    const { url } = await startHttp();
    const post = (headers: Record<string, string>, body: unknown): Promise<number> =>
      new Promise((resolve, reject) => {
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
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify(body));
      });

    expect(await post({ host: "evil.example" }, { jsonrpc: "2.0", id: 1, method: "ping" })).toBe(403);
    expect(await post({}, { jsonrpc: "2.0", id: 1, method: "tools/list" })).toBe(400);
    expect(await post({ "mcp-session-id": "nope" }, { jsonrpc: "2.0", id: 1, method: "tools/list" })).toBe(
      404,
    );
  });
});
