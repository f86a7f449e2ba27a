// A careless MCP client for the boundary tests: it speaks raw JSON-RPC, so it can reuse ids that
// are still in flight, send `tools/call` as a notification (no id) and, over stdio, garbage lines.
import type { Readable, Writable } from "node:stream";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

type Message = Record<string, unknown>;

/** A raw JSON-RPC client end. */
export interface CarelessClient {
  /** Every message received from the other end, in order. */
  readonly received: Message[];
  send(message: Message): Promise<void>;
  /** Sends a request and resolves with the first answer carrying its id (bounded wait). */
  request(id: string | number, method: string, params?: Message, timeoutMs?: number): Promise<Message>;
  /** Resolves with the first received message (past or future) `predicate` holds for (bounded wait). */
  waitFor(predicate: (message: Message) => boolean, timeoutMs?: number, what?: string): Promise<Message>;
  /** `initialize` (id "init") then `notifications/initialized`. */
  initialize(): Promise<Message>;
  /**
   * Calls `slow` (`slowMs`) with id 5, waits `settleMs`, then calls `echo` with the same id while
   * the first still runs. Resolves the waits for the first call's result and for the refusal.
   */
  reuseIdInFlight(slowMs: number, settleMs: number): Promise<{ first: Promise<Message>; refusal: Promise<Message> }>;
  /** Writes a raw line (stdio clients only). */
  garbage(line: string): void;
  close(): Promise<void>;
}

function createCore(write: (message: Message) => Promise<void>, close: () => Promise<void>) {
  const received: Message[] = [];
  const waiters: { predicate: (message: Message) => boolean; resolve: (message: Message) => void }[] = [];
  const deliver = (message: Message): void => {
    received.push(message);
    for (const waiter of [...waiters]) {
      if (!waiter.predicate(message)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  };
  const waitFor: CarelessClient["waitFor"] = (predicate, timeoutMs = 5_000, what = "a message") => {
    const seen = received.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (message: Message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`careless client: ${what} did not arrive within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  };
  const isAnswerTo = (id: string | number) => (message: Message) => message.id === id && !("method" in message);
  const client: Omit<CarelessClient, "garbage"> = {
    received,
    send: write,
    async request(id, method, params, timeoutMs) {
      const answer = waitFor(isAnswerTo(id), timeoutMs, `the answer to ${String(id)}`);
      await write({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
      return answer;
    },
    waitFor,
    async initialize() {
      const answer = await client.request("init", "initialize", {
        protocolVersion: "2025-06-18",
        capabilities: { sampling: {}, elicitation: {} },
        clientInfo: { name: "careless", version: "0.0.1" },
      });
      await write({ jsonrpc: "2.0", method: "notifications/initialized" });
      return answer;
    },
    async reuseIdInFlight(slowMs, settleMs) {
      const first = waitFor((message) => message.id === 5 && "result" in message, 5_000, "slow");
      await write({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "slow", arguments: { ms: slowMs } } });
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const refusal = waitFor((message) => message.id === 5 && "error" in message, 2_000, "refusal");
      await write({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "echo", arguments: { text: "2" } } });
      return { first, refusal };
    },
    close,
  };
  return { client, deliver };
}

/** A careless client over newline-delimited stdio streams (the proxy's stdin and stdout). */
export function carelessStdioClient(toProxy: Writable, fromProxy: Readable): CarelessClient {
  const { client, deliver } = createCore(
    async (message) => void toProxy.write(`${JSON.stringify(message)}\n`),
    async () => void toProxy.end(),
  );
  let buffer = "";
  fromProxy.setEncoding("utf8");
  fromProxy.on("data", (chunk: string) => {
    buffer += chunk;
    for (let index = buffer.indexOf("\n"); index !== -1; index = buffer.indexOf("\n")) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 1);
      try {
        deliver(JSON.parse(line) as Message);
      } catch {
        deliver({ unparseable: line.slice(0, 200) });
      }
    }
  });
  return { ...client, garbage: (line) => void toProxy.write(`${line}\n`) };
}

/** A careless client over an MCP SDK client-side transport (in-memory, Streamable HTTP). */
export async function carelessTransportClient(transport: Transport): Promise<CarelessClient> {
  const { client, deliver } = createCore(
    (message) => transport.send(message as unknown as JSONRPCMessage),
    () => transport.close(),
  );
  transport.onmessage = (message) => deliver(message as unknown as Message);
  await transport.start();
  return {
    ...client,
    garbage: () => {
      throw new Error("careless client: garbage lines need a stdio client");
    },
  };
}
