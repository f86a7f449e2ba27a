import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage, JSONRPCNotification, RequestId } from "@modelcontextprotocol/sdk/types.js";
import { filterToolListAnswer } from "./filter-tool-list-answer.js";
import { isNotification, isRequest, isRequestId, isResultResponse, paramsOf } from "./json-rpc.js";
import { relayServerRequest } from "./relay-server-request.js";
import { sanitizeServerMessage } from "./sanitize-server-message.js";
import type { ServerMessageRoutes } from "./server-message-routes.js";

/**
 * Routes one message from the server, after stripping sec0's own `_meta` keys and making errors
 * well formed. An answer reaches the client only when it answers a request in flight, by id, and
 * as an answer to that request's method: the interceptor's own requests and governed `tools/call`
 * are consumed (a tool result always passes the output checks), `initialize` gives the server
 * identity, `tools/list` is filtered by the policy. Anything else — a guessed id, a second
 * answer, a notification outside `notifications/` — is dropped and recorded. Server requests are
 * governed ({@link relayServerRequest}); progress notifications keep their request.
 */
export async function routeServerMessage(
  connection: ServerMessageRoutes,
  raw: JSONRPCMessage,
  sendOptions?: TransportSendOptions,
): Promise<void> {
  const message = sanitizeServerMessage(raw);
  if (isRequest(message)) return relayServerRequest(connection, message, sendOptions);
  if (isNotification(message)) return routeNotification(connection, message, sendOptions);
  const { pending, clientRequests, progress, identity, options } = connection;
  const id = (message as { id?: unknown }).id;
  if (!isRequestId(id)) return drop(connection, id);
  if (pending.settle(message)) return;
  const method = clientRequests.methodOf(id);
  // A governed call's answer goes only to its waiter: one arriving before the call was forwarded
  // (a guessed id) or after it was answered is never the client's.
  if (method === undefined || method === "tools/call") return drop(connection, id);
  clientRequests.close(id);
  progress.forget(id);
  if (method === "initialize") identity.answered(isResultResponse(message) ? message.result : undefined);
  if (method === "tools/list" && isResultResponse(message)) {
    const { governor, catalog, report } = connection;
    return options.sendToClient(
      await filterToolListAnswer(governor, catalog, identity.current, message, report),
      sendOptions,
    );
  }
  return options.sendToClient(message, sendOptions);
}

function routeNotification(
  connection: ServerMessageRoutes,
  message: JSONRPCNotification,
  sendOptions: TransportSendOptions | undefined,
): Promise<void> | void {
  const { method } = message;
  if (!method.startsWith("notifications/")) {
    connection.recorder.drop({ reason: "mcp_unsolicited_message", from: "server", method });
    return;
  }
  if (method === "notifications/tools/list_changed") connection.catalog.clear();
  if (method === "notifications/cancelled") {
    const requestId = paramsOf(message).requestId;
    if (isRequestId(requestId)) connection.serverRequests.cancel(requestId);
  }
  const related =
    method === "notifications/progress"
      ? connection.progress.requestOf(paramsOf(message).progressToken)
      : undefined;
  if (related !== undefined && sendOptions?.relatedRequestId === undefined) {
    return connection.options.sendToClient(message, { ...sendOptions, relatedRequestId: related });
  }
  return connection.options.sendToClient(message, sendOptions);
}

/** An answer to no request in flight: dropped, and recorded unless its request was cancelled. */
function drop(connection: ServerMessageRoutes, id: unknown): void {
  if (isRequestId(id) && connection.clientRequests.wasCancelled(id)) return;
  const recorded = isRequestId(id) ? (id as RequestId) : null;
  connection.recorder.drop({
    reason: "mcp_unsolicited_message",
    from: "server",
    method: "response",
    id: recorded,
  });
}
