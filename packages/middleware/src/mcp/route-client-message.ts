import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  MessageExtraInfo,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import type { BoundaryRecorder } from "./boundary-recorder.js";
import type { InFlightRequests } from "./in-flight-requests.js";
import { asRecord, isNotification, isRequest, isRequestId, paramsOf } from "./json-rpc.js";
import type { JsonRpcErrorObject } from "./pending-requests.js";
import type { ProgressTracker } from "./progress-tracker.js";
import type { ServerIdentityState } from "./server-identity.js";

/** What routing a client message needs of its connection. */
export interface ClientMessageRoutes {
  readonly clientRequests: InFlightRequests;
  readonly serverRequests: InFlightRequests;
  readonly recorder: BoundaryRecorder;
  readonly progress: ProgressTracker;
  readonly identity: ServerIdentityState;
  /** Governs a `tools/call` already entered in `clientRequests`. */
  governCall(request: JSONRPCRequest, extra: MessageExtraInfo | undefined): Promise<void>;
  /** The client cancelled a request: a governed call stops. */
  cancelCall(requestId: RequestId): void;
  /** Sends to the server; false when the send failed (reported). */
  forward(message: JSONRPCMessage, extra: MessageExtraInfo | undefined): Promise<boolean>;
  /** Answers the client with a JSON-RPC error. */
  answer(id: RequestId, error: JsonRpcErrorObject): Promise<void>;
}

/** Request ids the interceptor uses for its own requests to the server (`sec0:tools/list:1`, …). */
const RESERVED_ID_PREFIX = "sec0:";

/**
 * Routes one message from the client. A request is forwarded only with an id no request in flight
 * holds (else it is refused with -32600, never forwarded, and recorded); `tools/call` is governed.
 * A notification outside `notifications/` (a `tools/call` without an id) is dropped and recorded.
 * An answer goes to the server only for a server request the client was shown.
 */
export async function routeClientMessage(
  routes: ClientMessageRoutes,
  message: JSONRPCMessage,
  extra: MessageExtraInfo | undefined,
): Promise<void> {
  if (isRequest(message)) return routeRequest(routes, message, extra);
  if (isNotification(message)) return routeNotification(routes, message, extra);
  const id = (message as { id?: unknown }).id;
  if (isRequestId(id) && routes.serverRequests.close(id) !== undefined) {
    await routes.forward(message, extra);
    return;
  }
  if (isRequestId(id) && routes.serverRequests.wasCancelled(id)) return;
  const recorded = isRequestId(id) ? id : null;
  routes.recorder.drop({
    reason: "mcp_unsolicited_message",
    from: "client",
    method: "response",
    id: recorded,
  });
}

async function routeRequest(
  routes: ClientMessageRoutes,
  request: JSONRPCRequest,
  extra: MessageExtraInfo | undefined,
): Promise<void> {
  const { id, method } = request;
  const reserved = typeof id === "string" && id.startsWith(RESERVED_ID_PREFIX);
  if (!isRequestId(id) || reserved || !routes.clientRequests.open(id, method)) {
    return refuseId(routes, request, reserved);
  }
  routes.progress.remember(id, asRecord(paramsOf(request)._meta)?.progressToken);
  if (method === "tools/call") return routes.governCall(request, extra);
  if (method === "initialize") routes.identity.expect();
  if (!(await routes.forward(request, extra))) routes.clientRequests.close(id);
}

/** A request whose id is in flight, reserved or not an id: answered with an error, never forwarded. */
function refuseId(routes: ClientMessageRoutes, request: JSONRPCRequest, reserved: boolean): Promise<void> {
  const { id, method } = request;
  if (!isRequestId(id)) {
    routes.recorder.drop({ reason: "mcp_request_without_id", from: "client", method, ...toolOf(request) });
    return Promise.resolve();
  }
  const inUse = reserved || routes.clientRequests.methodOf(id) !== undefined;
  if (inUse)
    routes.recorder.drop({ reason: "mcp_request_id_in_use", from: "client", method, id, ...toolOf(request) });
  const message = reserved
    ? `sec0: request ids starting with "${RESERVED_ID_PREFIX}" are reserved; the request was not forwarded.`
    : inUse
      ? `sec0: request id ${String(id)} is already in flight; the request was not forwarded (JSON-RPC ids must be unique).`
      : "sec0: too many requests are in flight on this connection; the request was not forwarded.";
  const error = inUse
    ? { code: -32600, message, data: { code: "MIDDLEWARE_MCP_REQUEST_DUPLICATE" } }
    : { code: -32600, message };
  return routes.answer(id, error);
}

async function routeNotification(
  routes: ClientMessageRoutes,
  notification: JSONRPCNotification,
  extra: MessageExtraInfo | undefined,
): Promise<void> {
  const { method } = notification;
  if (!method.startsWith("notifications/")) {
    routes.recorder.drop({
      reason: "mcp_request_without_id",
      from: "client",
      method,
      ...toolOf(notification),
    });
    return;
  }
  if (method === "notifications/cancelled") {
    const requestId = paramsOf(notification).requestId;
    if (isRequestId(requestId)) {
      routes.cancelCall(requestId);
      routes.clientRequests.cancel(requestId);
    }
  }
  await routes.forward(notification, extra);
}

function toolOf(message: JSONRPCRequest | JSONRPCNotification): { tool?: string } {
  if (message.method !== "tools/call") return {};
  const name = paramsOf(message).name;
  return typeof name === "string" ? { tool: name } : {};
}
