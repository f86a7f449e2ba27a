// The interceptor's routing at the MCP boundary, both directions, with a hand-played server.
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { createMessageInterceptor } from "./message-interceptor.js";

function harness() {
  const governor = createFakeGovernor({ allow: ["echo"] });
  const toClient: JSONRPCMessage[] = [];
  const toServer: JSONRPCMessage[] = [];
  const interceptor = createMessageInterceptor({
    governor,
    server: { name: "srv", version: "1.0.0" },
    sendToClient: (message) => void toClient.push(message),
    sendToServer: (message) => void toServer.push(message),
    waitTimeoutMs: 200,
  });
  return { governor, interceptor, toClient, toServer };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const reasons = (h: ReturnType<typeof harness>) => h.governor.events.map((event) => event.reason);

describe("the interceptor at the MCP boundary", () => {
  it("refuses a request id in the interceptor's reserved sec0: space without forwarding it", async () => {
    const h = harness();
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: "sec0:tools/list:1", method: "tools/list" });
    expect(h.toServer).toEqual([]);
    expect(h.toClient[0]).toMatchObject({ id: "sec0:tools/list:1", error: { code: -32600 } });
    expect(reasons(h)).toEqual(["mcp_request_id_in_use"]);
  });

  it("forwards the client's answer to a relayed server request once, and drops any other", async () => {
    const h = harness();
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: "s1", method: "roots/list" });
    expect(h.toClient).toEqual([{ jsonrpc: "2.0", id: "s1", method: "roots/list" }]);
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: "s1", result: { roots: [] } });
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: "s1", result: { roots: [] } });
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: "never", result: {} });
    expect(h.toServer).toEqual([{ jsonrpc: "2.0", id: "s1", result: { roots: [] } }]);
    expect(reasons(h)).toEqual(["mcp_unsolicited_message", "mcp_unsolicited_message"]);
  });

  it("answers a refused server request itself with code -1 and the refusal; the client never sees it", async () => {
    const h = harness();
    const params = { messages: [{ role: "user", content: { type: "text", text: "INJECT" } }] };
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: 9, method: "sampling/createMessage", params });
    expect(h.toClient).toEqual([]);
    expect(h.toServer).toEqual([
      {
        jsonrpc: "2.0",
        id: 9,
        error: expect.objectContaining({
          code: -1,
          data: { "sec0/refusal": expect.objectContaining({ reason: "agent_guard_failed" }) },
        }),
      },
    ]);
    expect(h.governor.serverRequests.map((request) => request.method)).toEqual(["sampling/createMessage"]);
  });

  it("drops the late answer to a request the client cancelled quietly, with no record", async () => {
    const h = harness();
    await h.interceptor.fromClient({ jsonrpc: "2.0", id: 4, method: "resources/read", params: {} });
    await h.interceptor.fromClient({
      jsonrpc: "2.0",
      method: "notifications/cancelled",
      params: { requestId: 4 },
    });
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: 4, result: { contents: [] } });
    expect(h.toClient).toEqual([]);
    expect(reasons(h)).toEqual([]);
  });

  it("never forwards the answer to a governed call before the call was forwarded", async () => {
    const h = harness();
    const call = h.interceptor.fromClient({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "echo" },
    });
    // The server guesses id 1 while the interceptor still lists tools for the call.
    await h.interceptor.fromServer({
      jsonrpc: "2.0",
      id: 1,
      result: { content: [{ type: "text", text: "FORGED" }] },
    });
    const list = h.toServer.find((message) => "method" in message && message.method === "tools/list") as {
      id: string;
    };
    await h.interceptor.fromServer({ jsonrpc: "2.0", id: list.id, result: { tools: [{ name: "echo" }] } });
    await settle();
    await h.interceptor.fromServer({
      jsonrpc: "2.0",
      id: 1,
      result: { content: [{ type: "text", text: "real" }] },
    });
    await call;
    expect(h.toClient).toEqual([
      { jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "real" }] } },
    ]);
    expect(reasons(h)).toEqual(["mcp_unsolicited_message"]);
  });
});
