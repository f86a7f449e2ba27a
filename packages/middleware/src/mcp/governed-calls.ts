import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type {
  JSONRPCMessage,
  JSONRPCRequest,
  MessageExtraInfo,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { Sec0Error } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { governToolCall } from "./govern-tool-call.js";
import type { InFlightRequests } from "./in-flight-requests.js";
import { idKey } from "./json-rpc.js";
import type { PendingRequests } from "./pending-requests.js";
import type { ProgressTracker } from "./progress-tracker.js";
import type { ServerIdentityState } from "./server-identity.js";
import type { ToolCatalog } from "./tool-catalog.js";
import type { ToolListFetcher } from "./tool-list-fetcher.js";

/** The governed `tools/call` requests of one connection. */
export interface GovernedCalls {
  /** Governs a call (its id already entered in `clientRequests`) and answers the client. */
  govern(request: JSONRPCRequest, extra: MessageExtraInfo | undefined): Promise<void>;
  /** The client cancelled `requestId`: if it is a governed call, it is answered no more. */
  cancel(requestId: RequestId): void;
}

/** What governing calls needs of its connection. */
export interface GovernedCallDeps {
  readonly governor: ToolGovernor;
  readonly catalog: ToolCatalog;
  readonly fetcher: ToolListFetcher;
  readonly pending: PendingRequests;
  readonly identity: ServerIdentityState;
  readonly clientRequests: InFlightRequests;
  readonly progress: ProgressTracker;
  isClosed(): boolean;
  report(error: unknown): void;
  sendToClient(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void>;
  sendToServer(message: JSONRPCMessage, extra?: MessageExtraInfo): Promise<void> | void;
}

/**
 * Creates the governed calls of one connection: each goes through {@link governToolCall} and its
 * answer (the governed result, a refusal, or the server's error) goes to the client under the
 * call's id, unless the client cancelled it or the connection closed.
 *
 * @example
 * const calls = createGovernedCalls(deps);
 * await calls.govern(request, extra);
 */
export function createGovernedCalls(deps: GovernedCallDeps): GovernedCalls {
  /** Governed calls in flight, by request id key; `cancelled` once the client cancelled it. */
  const calls = new Map<string, { cancelled: boolean }>();
  const { governor, catalog, fetcher, pending, report } = deps;
  const resolveServer = () => deps.identity.resolve();
  return {
    async govern(request, extra) {
      const key = idKey(request.id);
      const state = { cancelled: false };
      calls.set(key, state);
      try {
        const isStopped = () => state.cancelled || deps.isClosed();
        const context = { governor, resolveServer, catalog, fetcher, pending, isStopped, report };
        const answer = await governToolCall({ ...context, sendToServer: deps.sendToServer }, request, extra);
        if (isStopped()) return;
        await deps.sendToClient(
          "error" in answer
            ? { jsonrpc: "2.0", id: request.id, error: answer.error }
            : { jsonrpc: "2.0", id: request.id, result: answer.result as Record<string, unknown> },
          { relatedRequestId: request.id },
        );
      } finally {
        // A cancelled call's id may already hold the client's next request: leave that one alone.
        if (calls.get(key) === state) {
          calls.delete(key);
          if (!state.cancelled) deps.clientRequests.close(request.id);
        }
        deps.progress.forget(request.id);
      }
    },
    cancel(requestId) {
      const call = calls.get(idKey(requestId));
      if (call === undefined) return;
      call.cancelled = true;
      pending.reject(
        requestId,
        new Sec0Error("MIDDLEWARE_MCP_CALL_CANCELLED", "The client cancelled the call before it finished."),
      );
    },
  };
}
