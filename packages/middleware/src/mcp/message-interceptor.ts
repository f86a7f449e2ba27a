import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type {
  JSONRPCMessage,
  JSONRPCRequest,
  MessageExtraInfo,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { Sec0Error } from "@sec0/core";
import type { ServerIdentity, ToolGovernor } from "@sec0/guard";
import { governToolCall } from "./govern-tool-call.js";
import { asRecord, idKey, isNotification, isRequest, paramsOf } from "./json-rpc.js";
import { createPendingRequests, type PendingRequests } from "./pending-requests.js";
import { createProgressTracker } from "./progress-tracker.js";
import { routeServerMessage } from "./route-server-message.js";
import { createServerIdentityState } from "./server-identity.js";
import { createToolCatalog } from "./tool-catalog.js";
import { createToolListFetcher } from "./tool-list-fetcher.js";

/** Where the interceptor sends messages; both may be async. */
export interface MessageInterceptorOptions {
  readonly governor: ToolGovernor;
  sendToClient(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> | void;
  sendToServer(message: JSONRPCMessage, extra?: MessageExtraInfo): Promise<void> | void;
  /** The server's identity when known up front (in-process servers); else taken from `initialize`. */
  readonly server?: ServerIdentity;
  /** Out-of-band failures (a send that failed after the fact); the interceptor never throws them. */
  onError?(error: Error): void;
  /**
   * Bound on the interceptor's own waits (default 10000 ms): its `tools/list` request for a tool the
   * client never listed, and the `initialize` answer a call pipelined behind it waits for.
   */
  readonly waitTimeoutMs?: number;
}

/** One connection's JSON-RPC message pump between an MCP client and server. */
export interface MessageInterceptor {
  /** A message from the client; `tools/call` is governed, everything else forwarded unchanged. */
  fromClient(message: JSONRPCMessage, extra?: MessageExtraInfo): Promise<void>;
  /** A message from the server; answers to governed calls are consumed, `tools/list` is filtered. */
  fromServer(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void>;
  /** The connection closed: calls waiting for the server are rejected. */
  close(): void;
  /** The server identity in force (from the options or the `initialize` answer). */
  readonly server: ServerIdentity | undefined;
}

const MAX_TRACKED_IDS = 10_000;

/**
 * Creates the interceptor that puts a {@link ToolGovernor} between an MCP client and server at the
 * JSON-RPC level: `tools/call` goes through `governor.govern` (refusals become tool errors with
 * `_meta["sec0/refusal"]`), `tools/list` answers go through `governor.filterToolList`, and every
 * other message passes unchanged in both directions.
 *
 * @example
 * const interceptor = createMessageInterceptor({
 *   governor,
 *   sendToClient: (message) => clientTransport.send(message),
 *   sendToServer: (message) => serverTransport.send(message),
 * });
 * clientTransport.onmessage = (message, extra) => void interceptor.fromClient(message, extra);
 * serverTransport.onmessage = (message) => void interceptor.fromServer(message);
 */
export function createMessageInterceptor(options: MessageInterceptorOptions): MessageInterceptor {
  const { governor } = options;
  let closed = false;
  const catalog = createToolCatalog();
  const pending = createPendingRequests();
  const initializeIds = new Set<string>();
  const listIds = new Set<string>();
  /** Governed calls in flight, by request id key; `true` once the client cancelled it. */
  const calls = new Map<string, { cancelled: boolean }>();
  const progress = createProgressTracker();
  const waitMs = options.waitTimeoutMs ?? 10_000;
  const identity = createServerIdentityState(options.server, waitMs);
  const sendToServer = (message: JSONRPCMessage) => options.sendToServer(message);
  const fetcher = createToolListFetcher({ pending, catalog, sendToServer, timeoutMs: waitMs });
  let outbound: Promise<void> = Promise.resolve();

  const report = (error: unknown): void => {
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
  const toClient = (message: JSONRPCMessage, sendOptions?: TransportSendOptions) =>
    sendSafely(options, report, message, sendOptions);

  async function governCall(request: JSONRPCRequest, extra: MessageExtraInfo | undefined): Promise<void> {
    const key = idKey(request.id);
    const state = { cancelled: false };
    calls.set(key, state);
    try {
      const isStopped = () => state.cancelled || closed;
      const resolveServer = () => identity.resolve();
      const deps = { governor, resolveServer, catalog, fetcher, pending, isStopped, report };
      const answer = await governToolCall({ ...deps, sendToServer: options.sendToServer }, request, extra);
      if (state.cancelled || closed) return;
      await toClient(
        "error" in answer
          ? { jsonrpc: "2.0", id: request.id, error: answer.error }
          : { jsonrpc: "2.0", id: request.id, result: answer.result as Record<string, unknown> },
        { relatedRequestId: request.id },
      );
    } finally {
      if (calls.get(key) === state) calls.delete(key);
      progress.forget(request.id);
    }
  }

  return {
    get server() {
      return identity.current;
    },
    async fromClient(message, extra) {
      if (closed) return;
      if (isRequest(message)) {
        progress.remember(message.id, asRecord(paramsOf(message)._meta)?.progressToken);
        if (message.method === "tools/call") return governCall(message, extra);
        if (message.method === "initialize") {
          track(initializeIds, message.id);
          identity.expect();
        }
        if (message.method === "tools/list") track(listIds, message.id);
      } else if (isNotification(message) && message.method === "notifications/cancelled") {
        cancelCall(calls, pending, paramsOf(message).requestId as RequestId | undefined);
      }
      try {
        await options.sendToServer(message, extra);
      } catch (error) {
        report(error);
      }
    },
    fromServer(message, sendOptions) {
      // One at a time, in arrival order: a filtered tools/list must not be overtaken.
      const done = outbound.then(() =>
        routeServerMessage(
          { pending, catalog, progress, initializeIds, listIds, identity, governor, report, options },
          message,
          sendOptions,
        ),
      );
      outbound = done.catch(() => undefined);
      return done;
    },
    close() {
      if (closed) return;
      closed = true;
      pending.rejectAll(
        new Sec0Error(
          "MIDDLEWARE_MCP_CONNECTION_CLOSED",
          "The MCP connection closed before the server answered.",
        ),
      );
    },
  };
}

/** The client cancelled a governed call: it is answered no more, and its wait for the server ends. */
function cancelCall(
  calls: Map<string, { cancelled: boolean }>,
  pending: PendingRequests,
  requestId: RequestId | undefined,
): void {
  const call = requestId === undefined ? undefined : calls.get(idKey(requestId));
  if (call === undefined || requestId === undefined) return;
  call.cancelled = true;
  pending.reject(
    requestId,
    new Sec0Error("MIDDLEWARE_MCP_CALL_CANCELLED", "The client cancelled the call before it finished."),
  );
}

/** Remembers a request id (bounded), to recognise its answer. */
function track(set: Set<string>, id: RequestId): void {
  if (set.size < MAX_TRACKED_IDS) set.add(idKey(id));
}

/** Sends to the client; a failed send is reported, never thrown. */
async function sendSafely(
  options: MessageInterceptorOptions,
  report: (error: unknown) => void,
  message: JSONRPCMessage,
  sendOptions?: TransportSendOptions,
): Promise<void> {
  try {
    await options.sendToClient(message, sendOptions);
  } catch (error) {
    report(error);
  }
}
