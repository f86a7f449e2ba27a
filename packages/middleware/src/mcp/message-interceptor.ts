import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage, MessageExtraInfo } from "@modelcontextprotocol/sdk/types.js";
import { Sec0Error } from "@sec0/core";
import type { ServerIdentity, ToolGovernor } from "@sec0/guard";
import { createBoundaryRecorder } from "./boundary-recorder.js";
import { createGovernedCalls } from "./governed-calls.js";
import { createInFlightRequests } from "./in-flight-requests.js";
import { createPendingRequests } from "./pending-requests.js";
import { createProgressTracker } from "./progress-tracker.js";
import { type ClientMessageRoutes, routeClientMessage } from "./route-client-message.js";
import { routeServerMessage } from "./route-server-message.js";
import { createServerIdentityState } from "./server-identity.js";
import type { ServerMessageRoutes } from "./server-message-routes.js";
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
  /**
   * A message from the client: `tools/call` is governed; a request reusing an id in flight is
   * refused unforwarded; a `tools/call` (any request method) without an id is dropped.
   */
  fromClient(message: JSONRPCMessage, extra?: MessageExtraInfo): Promise<void>;
  /**
   * A message from the server: only answers to requests in flight reach the client (governed
   * calls' answers pass the output checks), `tools/list` is filtered, server requests are
   * governed, sec0's own `_meta` keys are stripped; what is dropped is recorded.
   */
  fromServer(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void>;
  /** The connection closed: calls waiting for the server are rejected, counted drops recorded. */
  close(): void;
  /** The server identity in force (from the options or the `initialize` answer). */
  readonly server: ServerIdentity | undefined;
}

/**
 * Creates the interceptor that puts a {@link ToolGovernor} between an MCP client and server at the
 * JSON-RPC level: `tools/call` goes through `governor.govern` (refusals become tool errors with
 * `_meta["sec0/refusal"]`), `tools/list` answers go through `governor.filterToolList`, server
 * requests through `governor.governServerRequest`. Only answers to requests in flight (by id, as
 * answers to that request's method) cross; forged or second answers, reused ids, requests without
 * an id and notifications outside `notifications/` are dropped and recorded
 * (`governor.recordBoundaryEvent`, bounded per connection). Other messages pass unchanged.
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
  const clientRequests = createInFlightRequests();
  const serverRequests = createInFlightRequests();
  const progress = createProgressTracker();
  const waitMs = options.waitTimeoutMs ?? 10_000;
  const identity = createServerIdentityState(options.server, waitMs);
  const sendToServer = (message: JSONRPCMessage) => options.sendToServer(message);
  const fetcher = createToolListFetcher({ pending, catalog, sendToServer, timeoutMs: waitMs });
  let outbound: Promise<void> = Promise.resolve();
  const report = (error: unknown): void => {
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
  const recorder = createBoundaryRecorder({ governor, server: () => identity.current, report });
  const sendToClient = (message: JSONRPCMessage, sendOptions?: TransportSendOptions) =>
    sendSafely(options, report, message, sendOptions);
  const calls = createGovernedCalls({
    ...{ governor, catalog, fetcher, pending, identity, clientRequests, progress, report, sendToClient },
    isClosed: () => closed,
    sendToServer: options.sendToServer,
  });
  const clientRoutes: ClientMessageRoutes = {
    ...{ clientRequests, serverRequests, recorder, progress, identity },
    governCall: calls.govern,
    cancelCall: calls.cancel,
    async forward(message, extra) {
      try {
        await options.sendToServer(message, extra);
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },
    answer: (id, error) => sendToClient({ jsonrpc: "2.0", id, error }, { relatedRequestId: id }),
  };
  const serverRoutes: ServerMessageRoutes = {
    ...{ pending, catalog, progress, clientRequests, serverRequests, recorder, identity, governor, report },
    options: { sendToClient, sendToServer },
  };

  return {
    get server() {
      return identity.current;
    },
    async fromClient(message, extra) {
      if (!closed) await routeClientMessage(clientRoutes, message, extra);
    },
    fromServer(message, sendOptions) {
      // One at a time, in arrival order: a filtered tools/list must not be overtaken.
      const done = outbound.then(() => routeServerMessage(serverRoutes, message, sendOptions));
      outbound = done.catch(() => undefined);
      return done;
    },
    close() {
      if (closed) return;
      closed = true;
      recorder.close();
      pending.rejectAll(
        new Sec0Error(
          "MIDDLEWARE_MCP_CONNECTION_CLOSED",
          "The MCP connection closed before the server answered.",
        ),
      );
    },
  };
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
