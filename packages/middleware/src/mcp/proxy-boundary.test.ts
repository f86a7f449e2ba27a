// The proxy at the MCP boundary (issue 12), over stdio and Streamable HTTP, against the hostile
// server fixture (__fixtures__/hostile-server.mjs) and a careless client: only answers to requests
// the proxy forwarded reach the client, tool results always pass the output checks, and what is
// dropped leaves an audit record.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createMemoryAuditSink, type MemoryAuditSink } from "@sec0/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { createGovernorFromOptions } from "../create-governor.js";
import {
  type CarelessClient,
  carelessStdioClient,
  carelessTransportClient,
} from "./__fixtures__/careless-client.js";
import { type HostileMode, startProxyAgainst } from "./__fixtures__/hostile-server.js";

const ALLOWED = ["echo", "slow", "calls", "ask", "fail"].map((tool) => `mcp://hostile/${tool}@*`);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function governed(sink: MemoryAuditSink) {
  const governor = createGovernorFromOptions({
    policy: {
      tenant: "acme",
      tools: { allowlist: ALLOWED },
      agent_guard: { enabled: true },
      enforcement: { deny_on: ["tool_not_in_allowlist", "agent_guard_failed"] },
    },
    adapters: { auditSink: sink },
  });
  cleanups.push(() => governor.close());
  return governor;
}

type Transport = "stdio" | "http";

/** The proxy in front of the hostile server in `modes`, and a careless client connected to it. */
async function connect(
  over: Transport,
  modes: HostileMode | readonly HostileMode[] | undefined,
  extra: { count?: number; sizeMb?: number } = {},
): Promise<{ client: CarelessClient; sink: MemoryAuditSink }> {
  const sink = createMemoryAuditSink();
  const hostile = await startProxyAgainst(modes, {
    governor: governed(sink),
    http: over === "http",
    ...extra,
  });
  cleanups.push(() => hostile.proxy.close());
  const client =
    over === "http"
      ? await carelessTransportClient(new StreamableHTTPClientTransport(hostile.url as URL))
      : carelessStdioClient(hostile.toProxy, hostile.fromProxy);
  cleanups.push(() => client.close());
  await client.initialize();
  return { client, sink };
}

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

function textOf(answer: Record<string, unknown>): string {
  const result = answer.result as { content?: { text?: string }[] } | undefined;
  return result?.content?.[0]?.text ?? "";
}

function recorded(sink: MemoryAuditSink, reason: string): Record<string, unknown>[] {
  return sink.records.filter((record) => record.decision_reason === reason);
}

async function callsSeen(
  client: CarelessClient,
  id: number,
): Promise<{ name: string; notification: boolean }[]> {
  return JSON.parse(textOf(await client.request(id, "tools/call", { name: "calls", arguments: {} })));
}

describe.each<Transport>(["stdio", "http"])("the proxy over %s against a hostile server", (over) => {
  it("drops answers to ids the server guessed: a hidden tool is refused, never FORGED", async () => {
    const { client, sink } = await connect(over, "forged-ids");

    const hidden = await client.request(1, "tools/call", { name: "wipe", arguments: {} });
    const allowed = await client.request(2, "tools/call", { name: "echo", arguments: { text: "hi" } });
    await settle();

    expect(textOf(hidden)).toMatch(/^tool_not_in_allowlist: /);
    expect(textOf(allowed)).toBe("echo: hi");
    expect(JSON.stringify(client.received)).not.toContain("FORGED");
    const dropped = recorded(sink, "mcp_unsolicited_message");
    expect(dropped.length).toBeGreaterThan(0);
    // The first guesses come before the server identified itself (target_server "unknown").
    expect(dropped.at(-1)).toMatchObject({ policy: { decision: "deny" }, target_server: "hostile@1.0.0" });
  });

  it("delivers one answer per request when the server answers twice", async () => {
    const { client, sink } = await connect(over, "duplicate-ids");

    const answer = await client.request(1, "tools/call", { name: "echo", arguments: { text: "once" } });
    await settle();

    expect(textOf(answer)).toBe("echo: once");
    expect(JSON.stringify(client.received)).not.toContain("DUPLICATE");
    expect(client.received.filter((message) => message.id === 1)).toHaveLength(1);
    expect(recorded(sink, "mcp_unsolicited_message").length).toBeGreaterThan(0);
  });

  it("drops a tools/call sent as a notification, never runs it, and records it", async () => {
    const { client, sink } = await connect(over, undefined);

    await client.send({
      jsonrpc: "2.0",
      method: "tools/call",
      params: { name: "echo", arguments: { text: "x" } },
    });
    await settle();

    expect((await callsSeen(client, 2)).filter((call) => call.notification)).toEqual([]);
    expect(recorded(sink, "mcp_request_without_id")).toEqual([
      expect.objectContaining({
        target_tool: "echo@1.0.0",
        policy: expect.objectContaining({ decision: "deny" }),
      }),
    ]);
  });

  it("refuses a tools/call reusing an id in flight without forwarding it", async () => {
    const { client, sink } = await connect(over, undefined);

    const { first, refusal } = await client.reuseIdInFlight(400, 100);

    expect(await refusal).toMatchObject({ error: { code: -32600 } });
    // Over HTTP the SDK's transport keeps one stream per id: the refusal took the second POST's
    // stream, and the first call's answer has none left (the client broke JSON-RPC, not the proxy).
    if (over === "stdio") expect(textOf(await first)).toBe("slow done");
    else await settle(500);
    expect((await callsSeen(client, 6)).map((call) => call.name)).toEqual(["slow", "calls"]);
    expect(recorded(sink, "mcp_request_id_in_use")).toHaveLength(1);
    if (over === "stdio") expect(client.received.filter((message) => message.id === 5)).toHaveLength(2);
  });

  it("drops the server's notifications outside notifications/ and its unsolicited answers", async () => {
    const { client } = await connect(over, "notifications");

    const answer = await client.request(1, "tools/call", { name: "echo", arguments: { text: "n" } });
    await client.waitFor((message) => message.method === "notifications/message", 2_000, "the log line");
    await settle();

    expect(textOf(answer)).toBe("echo: n");
    const methods = client.received.map((message) => message.method).filter((method) => method !== undefined);
    expect(methods).not.toContain("tools/call");
    expect(methods).not.toContain("sampling/createMessage");
    expect(JSON.stringify(client.received)).not.toContain("UNSOLICITED");
  });

  it("refuses a server's sampling request that carries a prompt injection, answering the server", async () => {
    const { client, sink } = await connect(over, "sampling");

    const answer = await client.request(1, "tools/call", { name: "ask", arguments: {} });
    const elicit = await client.request(2, "tools/call", { name: "ask", arguments: { kind: "elicit" } });

    const reply = JSON.parse(textOf(answer)) as { error?: { code: number; message: string } };
    expect(reply.error?.message).toMatch(/^sec0 refused this request: agent_guard_failed/);
    expect(JSON.parse(textOf(elicit)).error?.message).toMatch(/agent_guard_failed/);
    expect(
      client.received.filter((message) => typeof message.method === "string" && "id" in message),
    ).toEqual([]);
    const refused = recorded(sink, "agent_guard_failed");
    expect(refused.map((record) => record.target_tool)).toEqual(
      expect.arrayContaining(["sampling/createMessage@1.0.0", "elicitation/create@1.0.0"]),
    );
  });

  it("strips sec0's refusal metadata from everything the server sends", async () => {
    const { client } = await connect(over, "fake-refusal-meta");

    const echo = await client.request(1, "tools/call", { name: "echo", arguments: { text: "m" } });
    const fail = await client.request(2, "tools/call", { name: "fail", arguments: {} });
    const asking = client.request(3, "tools/call", { name: "ask", arguments: {} });
    const sampling = await client.waitFor((message) => message.method === "sampling/createMessage");
    await client.send({
      jsonrpc: "2.0",
      id: sampling.id,
      result: { role: "assistant", content: { type: "text", text: "sunny" }, model: "m" },
    });
    await asking;

    expect(textOf(echo)).toBe("echo: m");
    expect(fail).toMatchObject({ error: { code: -32000, message: "it failed" } });
    expect(JSON.stringify(client.received)).not.toContain("sec0/refusal");
  });

  it("answers a malformed server error with a well-formed one", async () => {
    const { client } = await connect(over, "malformed-error");

    for (const [index, kind] of ["string", "float-code", "no-code", "number-message", "huge"].entries()) {
      for (const [method, params] of [
        ["tools/call", { name: "fail", arguments: { kind } }],
        ["fixture/hello", { kind }],
      ] as const) {
        const answer = await client.request(`${kind}-${index}-${method}`, method, params, 3_000);
        const error = answer.error as { code: unknown; message: unknown };
        expect(Number.isInteger(error.code), `${method} ${kind}`).toBe(true);
        expect(typeof error.message, `${method} ${kind}`).toBe("string");
        expect((error.message as string).length).toBeLessThanOrEqual(1_100);
      }
    }
  });

  it("answers a multi-MB tool result with a governed answer, audited, and keeps serving", async () => {
    const { client, sink } = await connect(over, "huge-line", { sizeMb: 6 });

    const first = await client.request(1, "tools/call", { name: "echo", arguments: { text: "a" } }, 20_000);
    const second = await client.request(2, "tools/call", { name: "slow", arguments: { ms: 1 } }, 20_000);

    expect(first.jsonrpc).toBe("2.0");
    expect("result" in first || "error" in first).toBe(true);
    expect(textOf(second)).toBe("slow done");
    const echoRecords = sink.records.filter((record) => String(record.target_tool_ref).includes("/echo@"));
    expect(echoRecords).toHaveLength(1);
  }, 30_000);

  it("drops a flood of forged answers with bounded evidence and keeps serving", async () => {
    const { client, sink } = await connect(over, "flood", { count: 3_000 });

    const answer = await client.request(1, "tools/call", { name: "echo", arguments: { text: "f" } }, 10_000);
    await settle(300);

    expect(textOf(answer)).toBe("echo: f");
    expect(JSON.stringify(client.received)).not.toContain("FLOOD");
    const dropped = recorded(sink, "mcp_unsolicited_message");
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThanOrEqual(101);
  });
});

describe("the official SDK client behind the stdio proxy", () => {
  it("never accepts a forged result, over 40 calls to hidden and allowed tools", async () => {
    const sink = createMemoryAuditSink();
    const hostile = await startProxyAgainst("forged-ids", { governor: governed(sink) });
    cleanups.push(() => hostile.proxy.close());
    const client = new Client({ name: "sdk-client", version: "0.0.1" });
    await client.connect(new StdioServerTransport(hostile.fromProxy, hostile.toProxy));
    cleanups.push(() => client.close());

    let forged = 0;
    for (let index = 0; index < 40; index += 1) {
      const name = index % 2 === 0 ? "wipe" : "echo";
      const result = await client.callTool({ name, arguments: { text: String(index) } });
      if (JSON.stringify(result).includes("FORGED")) forged += 1;
    }

    expect(forged).toBe(0);
  });
});

describe("the stdio proxy against a server that dies mid-call", () => {
  it("ends the session with server_exited and sends the client nothing for the call", async () => {
    const sink = createMemoryAuditSink();
    const hostile = await startProxyAgainst("die-mid-call", { governor: governed(sink) });
    cleanups.push(() => hostile.proxy.close());
    const client = carelessStdioClient(hostile.toProxy, hostile.fromProxy);
    await client.initialize();

    await client.send({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "echo", arguments: { text: "x" } },
    });

    const ended = await Promise.race([hostile.proxy.closed, settle(5_000).then(() => "still running")]);
    expect(ended).toBe("server_exited");
    expect(client.received.filter((message) => message.id === 1)).toEqual([]);
  });
});
