import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type {
  JSONRPCMessage,
  JSONRPCRequest,
  JSONRPCResultResponse,
  MessageExtraInfo,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { Sec0Error } from "@sec0/core";
import type { ServerIdentity, ToolGovernor } from "../governor-types.js";
import { governToolCall } from "./govern-tool-call.js";
import { asRecord, idKey, isNotification, isRequest, isResultResponse, paramsOf } from "./json-rpc.js";
import { createPendingRequests } from "./pending-requests.js";
import { createProgressTracker } from "./progress-tracker.js";
import { createToolCatalog, toToolDefinition } from "./tool-catalog.js";
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
  let server = options.server;
  let closed = false;
  const catalog = createToolCatalog();
  const pending = createPendingRequests();
  const initializeIds = new Set<string>();
  const listIds = new Set<string>();
  /** Governed calls in flight, by request id key; `true` once the client cancelled it. */
  const calls = new Map<string, { cancelled: boolean }>();
  const progress = createProgressTracker();
  const fetcher = createToolListFetcher({
    pending,
    catalog,
    sendToServer: (message) => options.sendToServer(message),
    timeoutMs: options.waitTimeoutMs ?? 10_000,
  });
  let outbound: Promise<void> = Promise.resolve();
  let markAnswered: () => void = () => undefined;
  const initializeAnswered = new Promise<void>((resolve) => {
    markAnswered = resolve;
  });
  const waitMs = options.waitTimeoutMs ?? 10_000;
  // A client that pipelines tools/call behind initialize waits (bounded) for the server's identity.
  const resolveServer = async (): Promise<ServerIdentity | undefined> => {
    if (server !== undefined || initializeIds.size === 0) return server;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      initializeAnswered,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        timer.unref?.();
      }),
    ]);
    clearTimeout(timer);
    return server;
  };

  const report = (error: unknown): void => {
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
  const toClient = async (message: JSONRPCMessage, sendOptions?: TransportSendOptions): Promise<void> => {
    try {
      await options.sendToClient(message, sendOptions);
    } catch (error) {
      report(error);
    }
  };
  const track = (set: Set<string>, id: RequestId): void => {
    if (set.size < MAX_TRACKED_IDS) set.add(idKey(id));
  };

  async function governCall(request: JSONRPCRequest, extra: MessageExtraInfo | undefined): Promise<void> {
    const key = idKey(request.id);
    const state = { cancelled: false };
    calls.set(key, state);
    try {
      const answer = await governToolCall(
        {
          governor,
          resolveServer,
          catalog,
          fetcher,
          pending,
          sendToServer: options.sendToServer,
          isStopped: () => state.cancelled || closed,
          report,
        },
        request,
        extra,
      );
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

  async function handleFromServer(
    message: JSONRPCMessage,
    sendOptions?: TransportSendOptions,
  ): Promise<void> {
    if (pending.settle(message)) return;
    if (isNotification(message)) {
      if (message.method === "notifications/tools/list_changed") catalog.clear();
      const related =
        message.method === "notifications/progress"
          ? progress.requestOf(paramsOf(message).progressToken)
          : undefined;
      if (related !== undefined && sendOptions?.relatedRequestId === undefined) {
        return options.sendToClient(message, { ...sendOptions, relatedRequestId: related });
      }
      return options.sendToClient(message, sendOptions);
    }
    if (!isRequest(message) && "id" in message && message.id !== undefined) {
      const key = idKey(message.id);
      progress.forget(message.id);
      if (initializeIds.delete(key)) {
        if (isResultResponse(message)) captureServer(message.result);
        markAnswered();
      }
      if (listIds.delete(key) && isResultResponse(message)) {
        return options.sendToClient(await filteredList(message), sendOptions);
      }
    }
    return options.sendToClient(message, sendOptions);
  }

  function captureServer(result: unknown): void {
    const info = asRecord(asRecord(result)?.serverInfo);
    if (info === undefined || typeof info.name !== "string") return;
    server =
      typeof info.version === "string" ? { name: info.name, version: info.version } : { name: info.name };
  }

  async function filteredList(message: JSONRPCResultResponse): Promise<JSONRPCMessage> {
    const raw = Array.isArray(message.result.tools) ? message.result.tools : [];
    const definitions = raw.flatMap((tool) => toToolDefinition(tool) ?? []);
    catalog.remember(definitions);
    if (server === undefined) {
      return {
        jsonrpc: "2.0",
        id: message.id,
        error: { code: -32603, message: "sec0: the MCP server has not identified itself." },
      };
    }
    try {
      const allowed = new Set((await governor.filterToolList(server, definitions)).map((tool) => tool.name));
      // Forward the server's own entries (every field it sent), only the allowed ones.
      const tools = raw.filter((tool) => allowed.has(String(asRecord(tool)?.name)));
      return { ...message, result: { ...message.result, tools } };
    } catch (error) {
      report(error);
      return {
        jsonrpc: "2.0",
        id: message.id,
        error: { code: -32603, message: "sec0 could not filter the tool list." },
      };
    }
  }

  return {
    get server() {
      return server;
    },
    async fromClient(message, extra) {
      if (closed) return;
      if (isRequest(message)) {
        progress.remember(message.id, asRecord(paramsOf(message)._meta)?.progressToken);
        if (message.method === "tools/call") return governCall(message, extra);
        if (message.method === "initialize") track(initializeIds, message.id);
        if (message.method === "tools/list") track(listIds, message.id);
      } else if (isNotification(message) && message.method === "notifications/cancelled") {
        const requestId = paramsOf(message).requestId as RequestId | undefined;
        const call = requestId === undefined ? undefined : calls.get(idKey(requestId));
        if (call !== undefined && requestId !== undefined) {
          call.cancelled = true;
          pending.reject(
            requestId,
            new Sec0Error(
              "MIDDLEWARE_MCP_CALL_CANCELLED",
              "The client cancelled the call before it finished.",
            ),
          );
        }
      }
      try {
        await options.sendToServer(message, extra);
      } catch (error) {
        report(error);
      }
    },
    fromServer(message, sendOptions) {
      // One at a time, in arrival order: a filtered tools/list must not be overtaken.
      const done = outbound.then(() => handleFromServer(message, sendOptions));
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
