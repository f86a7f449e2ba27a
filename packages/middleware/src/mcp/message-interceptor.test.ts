import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { ToolGovernor } from "@sec0/guard";
import { describe, expect, it } from "vitest";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { createMessageInterceptor } from "./message-interceptor.js";

type Sent = { message: JSONRPCMessage; options?: TransportSendOptions };

/** Wires an interceptor to two recording ends; the test plays the server by hand. */
function harness(governor: ToolGovernor, options: { identified?: boolean } = {}) {
  const server = options.identified === false ? undefined : { name: "srv", version: "1.0.0" };
  const toClient: Sent[] = [];
  const toServer: JSONRPCMessage[] = [];
  const interceptor = createMessageInterceptor({
    governor,
    ...(server === undefined ? {} : { server }),
    sendToClient: (message, options) => void toClient.push({ message, ...(options ? { options } : {}) }),
    sendToServer: (message) => void toServer.push(message),
    waitTimeoutMs: 200,
  });
  return { interceptor, toClient, toServer };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Answers the interceptor's own tools/list so calls proceed. */
async function answerToolList(h: ReturnType<typeof harness>, tools: unknown[]): Promise<void> {
  await settle();
  const list = h.toServer.find((m) => "method" in m && m.method === "tools/list") as { id: string };
  await h.interceptor.fromServer({ jsonrpc: "2.0", id: list.id, result: { tools } });
}

describe("createMessageInterceptor", () => {
  it("forwards a governed call with the same id and answers with the governed result", async () => {
    const h = harness(createFakeGovernor({ allow: ["echo"] }));
    const done = h.interceptor.fromClient({
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "echo", arguments: { a: 1 } },
    });
    await answerToolList(h, [{ name: "echo", _meta: { version: "2.1" } }]);
    await settle();
    const forwarded = h.toServer.at(-1);
    expect(forwarded).toMatchObject({
      id: 7,
      method: "tools/call",
      params: { name: "echo", arguments: { a: 1 } },
    });
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: 7, result: { content: [] } });
    await done;
    expect(h.toClient).toEqual([
      { message: { jsonrpc: "2.0", id: 7, result: { content: [] } }, options: { relatedRequestId: 7 } },
    ]);
  });

  it("answers a call without a string name with Invalid params and forwards nothing", async () => {
    const governor = createFakeGovernor({ allow: ["echo"] });
    const h = harness(governor);
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: 5 } });
    expect(h.toServer).toEqual([]);
    expect(h.toClient[0]?.message).toMatchObject({ id: 1, error: { code: -32602 } });
    expect(governor.calls).toEqual([]);
  });

  it("refuses calls before the server identified itself, then uses the initialize answer", async () => {
    const governor = createFakeGovernor({ allow: ["echo"] });
    const h = harness(governor, { identified: false });
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } });
    expect(JSON.stringify(h.toClient[0]?.message)).toContain("evaluation_error");

    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 2, method: "initialize", params: {} });
    await h.interceptor.fromServer({
      jsonrpc: "2.0",
      id: 2,
      result: { serverInfo: { name: "late", version: "9" } },
    });
    expect(h.interceptor.server).toEqual({ name: "late", version: "9" });
  });

  it("governs a call pipelined behind initialize with the identity from the answer", async () => {
    const governor = createFakeGovernor({ allow: [] });
    const h = harness(governor, { identified: false });
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} });
    const call = h.interceptor.fromClient({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "echo" },
    });
    await settle();
    await h.interceptor.fromServer({
      jsonrpc: "2.0",
      id: 1,
      result: { serverInfo: { name: "piped", version: "2" } },
    });
    await answerToolList(h, [{ name: "echo" }]);
    await call;
    expect(governor.calls[0]?.server).toEqual({ name: "piped", version: "2" });
    expect(JSON.stringify(h.toClient.at(-1)?.message)).toContain("tool_not_in_allowlist");
  });

  it("sends nothing for a call the client cancelled, and the governor sees the cancellation", async () => {
    const governor = createFakeGovernor({ allow: ["echo"] });
    const h = harness(governor);
    const done = h.interceptor.fromClient({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "echo" },
    });
    await answerToolList(h, [{ name: "echo" }]);
    await settle();
    await h.interceptor.fromClient({
      jsonrpc: "2.0",
      method: "notifications/cancelled",
      params: { requestId: 3 },
    });
    await done;
    expect(h.toServer.at(-1)).toMatchObject({ method: "notifications/cancelled" });
    expect(h.toClient).toEqual([]);
    expect(governor.errors).toEqual([expect.objectContaining({ code: "MIDDLEWARE_MCP_CALL_CANCELLED" })]);
  });

  it("fails the waiting call when the connection closes", async () => {
    const governor = createFakeGovernor({ allow: ["echo"] });
    const h = harness(governor);
    const done = h.interceptor.fromClient({
      jsonrpc: "2.0",
      id: 4,
      method: "tools/call",
      params: { name: "echo" },
    });
    await answerToolList(h, [{ name: "echo" }]);
    await settle();
    h.interceptor.close();
    await done;
    expect(governor.errors).toEqual([expect.objectContaining({ code: "MIDDLEWARE_MCP_CONNECTION_CLOSED" })]);
  });

  it("governs with no definition when the server never answers its own tools/list (bounded wait)", async () => {
    const governor = createFakeGovernor({ allow: [] });
    const h = harness(governor);
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "echo" } });
    expect(governor.calls[0]?.definition).toBeUndefined();
    expect(JSON.stringify(h.toClient[0]?.message)).toContain("tool_not_in_allowlist");
  });

  it("forgets definitions on tools/list_changed and answers a list it cannot filter with an error", async () => {
    const broken: ToolGovernor = {
      ...createFakeGovernor({ allow: [] }),
      filterToolList: async () => {
        throw new Error("boom");
      },
    };
    const h = harness(broken);
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 6, method: "tools/list" });
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: 6, result: { tools: [{ name: "echo" }] } });
    expect(h.toClient[0]?.message).toMatchObject({ id: 6, error: { code: -32603 } });
    await h.interceptor.fromServer({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    expect(h.toClient[1]?.message).toMatchObject({ method: "notifications/tools/list_changed" });
  });

  it("relates a server's progress notification to the client request that asked for it", async () => {
    const h = harness(createFakeGovernor({ allow: [] }));
    await h.interceptor.fromClient({
      jsonrpc: "2.0",
      id: 8,
      method: "resources/read",
      params: { _meta: { progressToken: "p" } },
    });
    await h.interceptor.fromServer({
      jsonrpc: "2.0",
      method: "notifications/progress",
      params: { progressToken: "p", progress: 1 },
    });
    expect(h.toClient[0]?.options).toEqual({ relatedRequestId: 8 });
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: 8, result: {} });
    await h.interceptor.fromServer({
      jsonrpc: "2.0",
      method: "notifications/progress",
      params: { progressToken: "p", progress: 2 },
    });
    expect(h.toClient[2]?.options).toBeUndefined();
  });
});
