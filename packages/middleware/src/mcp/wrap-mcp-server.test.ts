import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListRootsRequestSchema,
  ListToolsRequestSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import { isSec0Error } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { REFUSAL_META_KEY } from "./refusal-result.js";
import { governMcpServer } from "./wrap-mcp-server.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface Ran {
  echo: unknown[];
  wipe: number;
}

function createFilesServer(ran: Ran): McpServer {
  const server = new McpServer({ name: "files", version: "2.0.0" });
  server.registerTool(
    "echo",
    { description: "Echo text", inputSchema: { text: z.string() }, _meta: { "sec0/version": "1.1" } },
    async (args) => {
      ran.echo.push(args);
      return { content: [{ type: "text", text: `echo: ${args.text}` }] };
    },
  );
  server.registerTool("wipe", { description: "Delete everything" }, async () => {
    ran.wipe += 1;
    return { content: [{ type: "text", text: "wiped" }] };
  });
  server.registerTool(
    "slow",
    { description: "Reports progress", inputSchema: { steps: z.number() } },
    async (args, extra) => {
      const token = extra._meta?.progressToken;
      for (let step = 1; step <= args.steps; step += 1) {
        if (token !== undefined) {
          await extra.sendNotification({
            method: "notifications/progress",
            params: { progressToken: token, progress: step, total: args.steps },
          });
        }
      }
      const roots = await server.server.listRoots();
      return { content: [{ type: "text", text: `done, ${roots.roots.length} root(s)` }] };
    },
  );
  return server;
}

async function connect(server: McpServer | Server): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test-client", version: "0.0.1" }, { capabilities: { roots: {} } });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({
    roots: [{ uri: "file:///tmp", name: "tmp" }],
  }));
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  closers.push(() => client.close());
  return client;
}

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0] as { text: string }).text;
}

describe("governMcpServer with an SDK McpServer", () => {
  it("runs an allowed call and hands the governor the call as the client made it", async () => {
    const ran: Ran = { echo: [], wipe: 0 };
    const governor = createFakeGovernor({ allow: ["echo", "slow"] });
    const client = await connect(governMcpServer(createFilesServer(ran), governor));

    const result = await client.callTool({
      name: "echo",
      arguments: { text: "hi" },
      _meta: { "x-run": "r1" },
    });

    expect(textOf(result)).toBe("echo: hi");
    expect(ran.echo).toEqual([{ text: "hi" }]);
    const call = governor.calls[0];
    expect(call?.server).toEqual({ name: "files", version: "2.0.0" });
    expect(call?.tool).toBe("echo");
    expect(call?.version).toBe("1.1");
    expect(call?.args).toEqual({ text: "hi" });
    expect(call?.meta).toEqual({ "x-run": "r1" });
    // The client never listed tools: the interceptor fetched the definition itself.
    expect(call?.definition?.description).toBe("Echo text");
  });

  it("refuses a call outside the allowlist as a tool error and never runs the handler", async () => {
    const ran: Ran = { echo: [], wipe: 0 };
    const governor = createFakeGovernor({ allow: ["echo"] });
    const client = await connect(governMcpServer(createFilesServer(ran), governor));

    const result = await client.callTool({ name: "wipe", arguments: {} });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("tool_not_in_allowlist: Tool wipe is not in the allowlist.");
    expect((result._meta as Record<string, { reason: string }>)[REFUSAL_META_KEY]?.reason).toBe(
      "tool_not_in_allowlist",
    );
    expect(ran.wipe).toBe(0);
  });

  it("filters tools/list to the allowed tools, keeping every field the server sent", async () => {
    const governor = createFakeGovernor({ allow: ["echo"] });
    const client = await connect(governMcpServer(createFilesServer({ echo: [], wipe: 0 }), governor));

    const { tools } = await client.listTools();

    expect(tools.map((tool) => tool.name)).toEqual(["echo"]);
    expect(tools[0]?._meta).toEqual({ "sec0/version": "1.1" });
    expect(governor.lists[0]?.tools.map((tool) => tool.name)).toEqual(["echo", "wipe", "slow"]);
  });

  it("returns the governed (redacted) result and runs the handler with scrubbed arguments", async () => {
    const ran: Ran = { echo: [], wipe: 0 };
    const governor = createFakeGovernor({
      allow: ["echo"],
      scrub: (args) => ({ ...args, text: "[scrubbed]" }),
      rewrite: () => ({ content: [{ type: "text", text: "[REDACTED]" }] }),
    });
    const client = await connect(governMcpServer(createFilesServer(ran), governor));

    const result = await client.callTool({ name: "echo", arguments: { text: "secret" } });

    expect(textOf(result)).toBe("[REDACTED]");
    expect(ran.echo).toEqual([{ text: "[scrubbed]" }]);
  });

  it("fails closed with evaluation_error when the governor throws", async () => {
    const ran: Ran = { echo: [], wipe: 0 };
    const governor = createFakeGovernor({ allow: ["echo"], throwFor: "echo" });
    const client = await connect(governMcpServer(createFilesServer(ran), governor));

    const result = await client.callTool({ name: "echo", arguments: { text: "x" } });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^evaluation_error: /);
    expect(ran.echo).toEqual([]);
  });

  it("passes progress notifications and server-to-client requests through a governed call", async () => {
    const governor = createFakeGovernor({ allow: ["slow"] });
    const client = await connect(governMcpServer(createFilesServer({ echo: [], wipe: 0 }), governor));
    const progress: number[] = [];

    const result = await client.callTool({ name: "slow", arguments: { steps: 3 } }, undefined, {
      onprogress: (update) => progress.push(update.progress),
      timeout: 5_000,
    });

    expect(textOf(result)).toBe("done, 1 root(s)");
    expect(progress).toEqual([1, 2, 3]);
  });

  it("freezes the tool registry and reports each mutated tool name once", async () => {
    const mutations: string[] = [];
    const server = createFilesServer({ echo: [], wipe: 0 });
    const registered = server.registerTool("late", {}, async () => ({ content: [] }));
    governMcpServer(server, createFakeGovernor({ allow: [] }), {
      onRegistryMutation: (name) => mutations.push(name),
    });

    const attempts = [
      () => server.registerTool("extra", {}, async () => ({ content: [] })),
      () => server.registerTool("extra", {}, async () => ({ content: [] })),
      () => server.tool("other", async () => ({ content: [] })),
      () => registered.update({ callback: async () => ({ content: [] }) }),
    ];
    for (const attempt of attempts) {
      expect(() => attempt()).toThrow(expect.objectContaining({ code: "MIDDLEWARE_REGISTRY_FROZEN" }));
    }
    registered.disable();
    expect(registered.enabled).toBe(false);
    expect(mutations).toEqual(["extra", "other", "late"]);
  });

  it("refuses to wrap a connected server or to wrap twice", async () => {
    const connected = createFilesServer({ echo: [], wipe: 0 });
    await connect(connected);
    expect(() => governMcpServer(connected, createFakeGovernor({ allow: [] }))).toThrow(
      expect.objectContaining({ code: "MIDDLEWARE_ALREADY_CONNECTED" }),
    );
    const fresh = governMcpServer(
      createFilesServer({ echo: [], wipe: 0 }),
      createFakeGovernor({ allow: [] }),
    );
    let error: unknown;
    try {
      governMcpServer(fresh, createFakeGovernor({ allow: [] }));
    } catch (caught) {
      error = caught;
    }
    expect(isSec0Error(error, "MIDDLEWARE_ALREADY_GOVERNED")).toBe(true);
  });
});

describe("governMcpServer with a low-level SDK Server", () => {
  function createLowLevelServer(): Server {
    const server = new Server({ name: "lowlevel", version: "3.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [{ name: "read", inputSchema: { type: "object" } }],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      throw new McpError(ErrorCode.InvalidParams, `bad path for ${request.params.name}`, { field: "path" });
    });
    return server;
  }

  it("relays the server's JSON-RPC error to the client unchanged, after the governor saw it", async () => {
    const governor = createFakeGovernor({ allow: ["read"] });
    const client = await connect(governMcpServer(createLowLevelServer(), governor));

    const error = await client.callTool({ name: "read", arguments: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((error as McpError).message).toContain("bad path for read");
    expect((error as McpError).data).toEqual({ field: "path" });
    expect(governor.errors).toHaveLength(1);
    expect(governor.calls[0]?.server).toEqual({ name: "lowlevel", version: "3.0.0" });
  });
});
