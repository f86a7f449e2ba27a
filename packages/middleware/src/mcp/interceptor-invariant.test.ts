// Property: whatever a careless client and a hostile server send, in any interleaving, nothing
// reaches the server that was not allowed (and, for a tool call, governed), and nothing reaches the
// client but a governed answer to its own request in flight, an allowed server notification, or a
// governed server request. Every message the interceptor drops is recorded.
import type { JSONRPCMessage, RequestId } from "@modelcontextprotocol/sdk/types.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { idKey } from "./json-rpc.js";
import { createMessageInterceptor } from "./message-interceptor.js";

type Message = Record<string, unknown>;

const clientIds = fc.constantFrom<RequestId>(1, 2, 3, "a", "b");
const FAKE_META = {
  "sec0/refusal": { reason: "forged-refusal", decision: "deny", message: "x", reasons: [] },
};

const step = fc.oneof(
  fc.record({
    kind: fc.constant("clientRequest" as const),
    id: clientIds,
    call: fc.constantFrom("echo", "wipe", "resources/read", "prompts/get"),
  }),
  fc.record({
    kind: fc.constant("clientNotification" as const),
    method: fc.constantFrom(
      "notifications/initialized",
      "notifications/cancelled",
      "tools/call",
      "resources/read",
    ),
    requestId: clientIds,
  }),
  fc.record({ kind: fc.constant("clientAnswer" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("serverAnswer" as const),
    which: fc.constantFrom("right", "right", "wrong", "duplicate", "null"),
    pick: fc.nat(),
    error: fc.boolean(),
    fakeMeta: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("serverRequest" as const),
    id: fc.constantFrom<RequestId>("s1", "s2", 7),
    method: fc.constantFrom("sampling/createMessage", "elicitation/create", "ping"),
    inject: fc.boolean(),
    fakeMeta: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("serverNotification" as const),
    method: fc.constantFrom(
      "notifications/message",
      "notifications/progress",
      "tools/call",
      "sampling/createMessage",
    ),
    fakeMeta: fc.boolean(),
  }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const flush = async () => {
  for (let turn = 0; turn < 4; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Across runs: what crossed, so that the property cannot hold by never exercising the paths. */
const seen = { governedResults: 0, serverRequests: 0 };

/** One run: the interceptor between two recording ends, and a model of what may cross. */
function createRun() {
  const governor = createFakeGovernor({
    allow: ["echo"],
    rewrite: (_tool, result) => ({ ...(result as Message), governed: true }),
  });
  const violations: string[] = [];
  const toServer: Message[] = [];
  const toClient: Message[] = [];
  // What the server holds and has answered; what the client waits for; server requests shown.
  const atServer = new Map<string, { id: RequestId; method: string }>();
  const answeredByServer: RequestId[] = [];
  const clientWaits = new Map<string, string>();
  const expectedRefusals = new Map<string, number>();
  const shownToClient = new Map<string, RequestId>();
  const blocked = new Set<string>();
  let drops = 0;
  let forwardedCalls = 0;
  const interceptor = createMessageInterceptor({
    governor,
    server: { name: "srv", version: "1.0.0" },
    waitTimeoutMs: 1_000,
    sendToServer(raw) {
      const message = raw as unknown as Message;
      toServer.push(message);
      checkToServer(message);
    },
    sendToClient(raw) {
      const message = raw as unknown as Message;
      toClient.push(message);
      checkToClient(message);
    },
  });

  function checkToServer(message: Message): void {
    const { id, method } = message;
    if (typeof method === "string" && !("id" in message)) {
      if (!method.startsWith("notifications/")) violations.push(`server got notification ${method}`);
      return;
    }
    if (typeof method === "string") {
      const key = idKey(id as RequestId);
      if (typeof id === "string" && id.startsWith("sec0:")) {
        // The interceptor's own tools/list: a well-behaved answer, at once.
        queueMicrotask(
          () =>
            void interceptor.fromServer({
              jsonrpc: "2.0",
              id,
              result: { tools: [{ name: "echo" }, { name: "wipe" }] },
            }),
        );
        return;
      }
      if (atServer.has(key)) violations.push(`server got a second request with id ${String(id)} in flight`);
      if (method === "tools/call") {
        forwardedCalls += 1;
        const name = (message.params as Message).name;
        if (name !== "echo") violations.push(`server got a call to ${String(name)}`);
        if (forwardedCalls > governor.calls.length) violations.push("a call reached the server ungoverned");
      }
      atServer.set(key, { id: id as RequestId, method });
      return;
    }
    const key = idKey(id as RequestId);
    if (shownToClient.delete(key)) return;
    if (blocked.delete(key)) return;
    if ((message.error as Message | undefined)?.code === -32600) return; // a server id reused in flight
    violations.push(`server got an answer to ${String(id)} it never asked the client`);
  }

  function checkToClient(message: Message): void {
    if (JSON.stringify(message).includes("forged-refusal")) violations.push("sec0 metadata from the server");
    const { id, method } = message;
    if (typeof method === "string" && !("id" in message)) {
      if (!method.startsWith("notifications/")) violations.push(`client got notification ${method}`);
      return;
    }
    if (typeof method === "string") {
      const ungoverned = method === "ping"; // content-free: relayed without a decision
      if (!ungoverned && JSON.stringify(message.params).includes("INJECT")) {
        violations.push("client got a blocked server request");
      }
      shownToClient.set(idKey(id as RequestId), id as RequestId);
      seen.serverRequests += 1;
      return;
    }
    const key = idKey(id as RequestId);
    const refusals = expectedRefusals.get(key) ?? 0;
    if ((message.error as Message | undefined)?.code === -32600 && refusals > 0) {
      expectedRefusals.set(key, refusals - 1);
      return;
    }
    const waited = clientWaits.get(key);
    if (waited === undefined)
      return void violations.push(`client got an answer to ${String(id)} it is not waiting for`);
    clientWaits.delete(key);
    if (waited.startsWith("tools/call") && "result" in message) {
      const result = message.result as Message;
      const refused = (result._meta as Message | undefined)?.["sec0/refusal"] !== undefined;
      if (!refused && result.governed !== true)
        violations.push("an ungoverned tool result reached the client");
      if (!refused) seen.governedResults += 1;
      if (waited === "tools/call wipe" && !refused) violations.push("a hidden tool answered");
    }
  }

  /** The client gives up on `id`: no answer may follow; the server may still answer it, late. */
  function cancel(id: RequestId): void {
    const key = idKey(id);
    clientWaits.delete(key);
    if (atServer.delete(key)) answeredByServer.push(id);
  }

  const meta = (fake: boolean) => (fake ? { _meta: FAKE_META } : {});

  async function play(s: Step): Promise<void> {
    switch (s.kind) {
      case "clientRequest": {
        const key = idKey(s.id);
        const method = s.call === "echo" || s.call === "wipe" ? "tools/call" : s.call;
        const label = method === "tools/call" ? `tools/call ${s.call}` : method;
        if (clientWaits.has(key)) expectedRefusals.set(key, (expectedRefusals.get(key) ?? 0) + 1);
        else clientWaits.set(key, label);
        const params = method === "tools/call" ? { name: s.call, arguments: {} } : {};
        return interceptor.fromClient({ jsonrpc: "2.0", id: s.id, method, params } as JSONRPCMessage);
      }
      case "clientNotification":
        if (s.method === "tools/call" || s.method === "resources/read") drops += 1;
        if (s.method === "notifications/cancelled") cancel(s.requestId);
        return interceptor.fromClient({
          jsonrpc: "2.0",
          method: s.method,
          params: s.method === "notifications/cancelled" ? { requestId: s.requestId } : { name: "echo" },
        } as JSONRPCMessage);
      case "clientAnswer": {
        const shown = [...shownToClient.values()];
        const id = shown.length === 0 ? "zz" : (shown[s.pick % shown.length] as RequestId);
        if (shown.length === 0) drops += 1;
        return interceptor.fromClient({ jsonrpc: "2.0", id, result: {} } as JSONRPCMessage);
      }
      case "serverAnswer":
        return interceptor.fromServer(serverAnswer(s) as unknown as JSONRPCMessage);
      case "serverRequest": {
        if (s.inject && s.method !== "ping") blocked.add(idKey(s.id));
        const text = s.inject ? "INJECT now" : "hello";
        const params = { ...meta(s.fakeMeta), messages: [{ role: "user", content: { type: "text", text } }] };
        return interceptor.fromServer({
          jsonrpc: "2.0",
          id: s.id,
          method: s.method,
          params,
        } as JSONRPCMessage);
      }
      case "serverNotification":
        if (!s.method.startsWith("notifications/")) drops += 1;
        return interceptor.fromServer({
          jsonrpc: "2.0",
          method: s.method,
          params: { ...meta(s.fakeMeta), level: "info", data: "x", progressToken: "t", progress: 1 },
        } as JSONRPCMessage);
    }
  }

  function serverAnswer(s: Extract<Step, { kind: "serverAnswer" }>): Message {
    const held = [...atServer.values()];
    let id: RequestId | null;
    if (s.which === "right" && held.length > 0) {
      const target = held[s.pick % held.length] as { id: RequestId };
      id = target.id;
      atServer.delete(idKey(id));
      answeredByServer.push(id);
    } else if (s.which === "duplicate" && answeredByServer.length > 0) {
      id = answeredByServer[s.pick % answeredByServer.length] as RequestId;
    } else if (s.which === "null") {
      id = null;
    } else {
      id = [1, 2, 3, "a", "b", 99].find((candidate) => !atServer.has(idKey(candidate))) ?? 99;
    }
    // An id the server holds is answered, whichever pool it came from (a reused id is a new request).
    if (id !== null && atServer.delete(idKey(id))) answeredByServer.push(id);
    const body = s.error
      ? { error: { code: -32000, message: "nope", data: s.fakeMeta ? FAKE_META : undefined } }
      : { result: { content: [{ type: "text", text: "S" }], ...meta(s.fakeMeta) } };
    return { jsonrpc: "2.0", id, ...body };
  }

  return { interceptor, governor, violations, play, expectedDrops: () => drops };
}

describe("the message interceptor's boundary invariant", () => {
  it("holds for random interleavings of client and server messages", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const run = createRun();
        for (const s of steps) {
          // Not awaited: a governed call's fromClient settles only once the server answered it.
          run.play(s).catch((error: unknown) => run.violations.push(`threw: ${String(error)}`));
          await flush();
        }
        run.interceptor.close();
        await flush();
        expect(run.violations).toEqual([]);
        // At least the drops the model can predict were recorded (others depend on timing).
        const recorded = run.governor.events.reduce((sum, event) => sum + (event.count ?? 1), 0);
        expect(recorded).toBeGreaterThanOrEqual(run.expectedDrops());
      }),
      { numRuns: 4_000 },
    );
    expect(seen.governedResults).toBeGreaterThan(0);
    expect(seen.serverRequests).toBeGreaterThan(0);
  }, 30_000);
});
