import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { createFixedClock, createMemoryAuditSink, type MemoryAuditSink } from "@sec0/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { closeSec0Middleware, sec0SecurityMiddleware } from "../security-middleware.js";

// Regression: on an official-SDK McpServer the registry was frozen (a late registerTool threw
// MIDDLEWARE_REGISTRY_FROZEN) while every audit record said `registry_frozen: false`: the governor
// was built before the freeze and never told about it.

const POLICY = { tenant: "acme", enforcement: { deny_on: ["tool_not_in_allowlist"] } };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function callEcho(server: McpServer | Server, sink: MemoryAuditSink): Promise<void> {
  const wrap = sec0SecurityMiddleware({
    policy: POLICY,
    clock: createFixedClock(),
    adapters: { auditSink: sink },
  });
  wrap(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "agent", version: "1.0.0" });
  await client.connect(clientSide);
  closers.push(async () => {
    await client.close();
    await closeSec0Middleware(server);
  });
  const result = await client.callTool({ name: "echo", arguments: {} });
  expect(result.isError).not.toBe(true);
}

describe("registry_frozen in the audit record of an official-SDK server", () => {
  it("is true for an McpServer, whose registry the wrapper froze", async () => {
    const sink = createMemoryAuditSink();
    const server = new McpServer({ name: "files", version: "1.0.0" });
    server.registerTool("echo", {}, async () => ({ content: [{ type: "text", text: "echo" }] }));

    await callEcho(server, sink);

    expect(() => server.registerTool("late", {}, async () => ({ content: [] }))).toThrow(
      expect.objectContaining({ code: "MIDDLEWARE_REGISTRY_FROZEN" }),
    );
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ policy: { decision: "allow" }, registry_frozen: true });
  });

  it("is false for a low-level Server, whose request handlers the wrapper cannot freeze", async () => {
    const sink = createMemoryAuditSink();
    const server = new Server({ name: "lowlevel", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [{ name: "echo", inputSchema: { type: "object" } }],
    }));
    server.setRequestHandler(CallToolRequestSchema, async () => ({
      content: [{ type: "text", text: "echo" }],
    }));

    await callEcho(server, sink);

    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ policy: { decision: "allow" }, registry_frozen: false });
  });
});
