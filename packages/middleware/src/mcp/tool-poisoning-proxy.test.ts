// Tool poisoning behind the proxy: a real MCP server process (the official SDK over stdio) whose
// tool definitions carry instructions for the model, at first listing and after a change.
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import type { ToolGovernor } from "@sec0/guard";
import type { Policy } from "@sec0/policy";
import { createMemoryAuditSink, type MemoryAuditSink } from "@sec0/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { createGovernorFromOptions } from "../create-governor.js";
import { startMcpProxy } from "./proxy.js";
import { REFUSAL_META_KEY } from "./refusal-result.js";

const fixture = fileURLToPath(new URL("./__fixtures__/poisoned-tools-server.mjs", import.meta.url));
type Mode = "description" | "schema" | "rug-pull";

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

function createGovernor(enforcement: Policy["enforcement"]): {
  governor: ToolGovernor;
  sink: MemoryAuditSink;
} {
  const sink = createMemoryAuditSink();
  const policy: Policy = { tenant: "acme", tools: { allowlist: ["*"] }, enforcement };
  const governor = createGovernorFromOptions({ policy, adapters: { auditSink: sink } });
  cleanups.push(() => governor.close());
  return { governor, sink };
}

async function startStdio(
  mode: Mode,
  governor: ToolGovernor,
): Promise<{ client: Client; changed: () => number }> {
  const toProxy = new PassThrough();
  const fromProxy = new PassThrough();
  const proxy = await startMcpProxy({
    command: process.execPath,
    args: [fixture, mode],
    stderr: "ignore",
    governor,
    stdin: toProxy,
    stdout: fromProxy,
  });
  cleanups.push(() => proxy.close());
  const client = new Client({ name: "agent", version: "0.0.1" });
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    changes += 1;
  });
  await within(client.connect(new StdioServerTransport(fromProxy, toProxy)), 5_000, "initialize");
  cleanups.push(() => client.close());
  return { client, changed: () => changes };
}

const names = async (client: Client): Promise<string[]> =>
  (await client.listTools()).tools.map((tool) => tool.name).sort();

const listingRecords = (sink: MemoryAuditSink, tool: string) =>
  sink.records.filter(
    (record) => record.op === "list" && record.target_tool_ref === `mcp://poisoned/${tool}@1.0.0`,
  );

describe("tool poisoning behind the stdio proxy", () => {
  it("hides a tool poisoned at first listing, refuses calls to it and records it", async () => {
    const { governor, sink } = createGovernor({ deny_on: ["tool_poisoning"] });
    const { client } = await startStdio("description", governor);

    expect(await names(client)).toEqual(["get_weather"]);
    const refused = await client.callTool({ name: "add", arguments: { a: 1, b: 2 } });
    expect(refused.isError).toBe(true);
    expect(refused._meta?.[REFUSAL_META_KEY]).toMatchObject({ reason: "tool_poisoning" });
    expect(listingRecords(sink, "add")).toEqual([
      expect.objectContaining({
        decision_reason: "tool_poisoning",
        policy: expect.objectContaining({ decision: "deny" }),
      }),
    ]);
    expect((await client.callTool({ name: "get_weather", arguments: { city: "Oslo" } })).isError).toBeFalsy();
  });

  it("catches a poisoned nested parameter description and enum value", async () => {
    const { governor, sink } = createGovernor({ deny_on: ["tool_poisoning"] });
    const { client } = await startStdio("schema", governor);

    expect(await names(client)).toEqual(["get_weather"]);
    expect(listingRecords(sink, "lookup")).toHaveLength(1);
    expect(listingRecords(sink, "convert")).toHaveLength(1);
  });

  it("catches a description that turns poisoned after a change", async () => {
    const { governor, sink } = createGovernor({ deny_on: ["tool_poisoning"] });
    const { client, changed } = await startStdio("rug-pull", governor);

    expect(await names(client)).toEqual(["get_weather"]);
    expect((await client.callTool({ name: "get_weather", arguments: { city: "Oslo" } })).isError).toBeFalsy();
    for (let attempt = 0; attempt < 100 && changed() === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(changed()).toBe(1);

    expect(await names(client)).toEqual([]);
    const refused = await client.callTool({ name: "get_weather", arguments: { city: "Oslo" } });
    expect(refused._meta?.[REFUSAL_META_KEY]).toMatchObject({ reason: "tool_poisoning" });
    expect(listingRecords(sink, "get_weather")).toHaveLength(1);
  });

  it("when the policy lists tool_poisoning nowhere, lists the poisoned tool and records it", async () => {
    const { governor, sink } = createGovernor({ deny_on: [] });
    const { client } = await startStdio("description", governor);

    expect(await names(client)).toEqual(["add", "get_weather"]);
    expect(listingRecords(sink, "add")).toEqual([
      expect.objectContaining({
        reasons: ["tool_poisoning"],
        policy: expect.objectContaining({ decision: "allow", reason: "tool_poisoning" }),
      }),
    ]);
  });
});

describe("tool poisoning behind the Streamable HTTP proxy", () => {
  it("hides the poisoned tool from a session's listing", async () => {
    const { governor, sink } = createGovernor({ deny_on: ["tool_poisoning"] });
    const proxy = await startMcpProxy({
      command: process.execPath,
      args: [fixture, "description"],
      stderr: "ignore",
      governor,
      http: { port: 0 },
    });
    cleanups.push(() => proxy.close());
    const client = new Client({ name: "agent", version: "0.0.1" });
    await within(
      client.connect(new StreamableHTTPClientTransport(new URL(proxy.url ?? ""))),
      5_000,
      "initialize",
    );
    cleanups.push(() => client.close());

    expect(await names(client)).toEqual(["get_weather"]);
    expect(listingRecords(sink, "add")).toHaveLength(1);
  });
});
