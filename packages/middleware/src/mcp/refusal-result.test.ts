// What an MCP client sees for a refused call, with the real governor in front of an SDK server
// whose name holds a `/` (as @modelcontextprotocol/server-everything's does).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createGovernorFromOptions } from "../create-governor.js";
import { REFUSAL_META_KEY } from "./refusal-result.js";
import { governMcpServer } from "./wrap-mcp-server.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function connectTo(allowlist: string[]) {
  const server = new McpServer({ name: "acme/files", version: "2.0.0" });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async (args) => ({
    content: [{ type: "text", text: `echo: ${args.text}` }],
  }));
  server.registerTool("wipe", {}, async () => ({ content: [{ type: "text", text: "wiped" }] }));
  const sink = createMemoryAuditSink();
  const governor = createGovernorFromOptions({
    policy: { tenant: "acme", tools: { allowlist }, enforcement: { deny_on: ["tool_not_in_allowlist"] } },
    adapters: { auditSink: sink },
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test-client", version: "0.0.1" });
  await governMcpServer(server, governor).connect(serverTransport);
  await client.connect(clientTransport);
  closers.push(async () => {
    await client.close();
    await governor.close();
  });
  return { client, sink };
}

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0] as { text: string }).text;
}

describe("refusalToolResult through governMcpServer", () => {
  it("lists and runs the tools of a server named with a `/` when the allowlist writes it %2F", async () => {
    const { client, sink } = await connectTo(["mcp://acme%2Ffiles/echo@*"]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["echo"]);
    const echo = await client.callTool({ name: "echo", arguments: { text: "hi" } });
    expect(textOf(echo)).toBe("echo: hi");
    expect(sink.records[0]?.target_tool_ref).toBe("mcp://acme%2Ffiles/echo@2.0.0");
  });

  it("names the reference and the closest allowlist entry in the refused call's text", async () => {
    const { client } = await connectTo(["mcp://acme%2Ffiles/echo@*"]);
    const wipe = await client.callTool({ name: "wipe", arguments: {} });
    expect(wipe.isError).toBe(true);
    expect(textOf(wipe)).toBe(
      "tool_not_in_allowlist: The call was refused: `mcp://acme%2Ffiles/wipe@2.0.0` matches no " +
        "allowlist entry; closest: `mcp://acme%2Ffiles/echo@*`. Rule: enforcement.deny_on lists tool_not_in_allowlist.",
    );
    expect((wipe._meta as Record<string, { reason: string }>)[REFUSAL_META_KEY]?.reason).toBe(
      "tool_not_in_allowlist",
    );
  });

  it("shows the encoded spelling when the allowlist wrote the `/` as is", async () => {
    const { client } = await connectTo(["mcp://acme/files/echo@*"]);
    expect((await client.listTools()).tools).toEqual([]);
    const echo = await client.callTool({ name: "echo", arguments: { text: "hi" } });
    expect(textOf(echo)).toContain(
      "closest: `mcp://acme/files/echo@*`, which names server `acme`: write `mcp://acme%2Ffiles/echo@*`.",
    );
  });
});
