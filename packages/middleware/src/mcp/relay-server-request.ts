import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCRequest, RequestId } from "@modelcontextprotocol/sdk/types.js";
import { type Refusal, refusalText, type ServerRequestOutcome } from "@sec0/guard";
import type { JsonRpcErrorObject } from "./pending-requests.js";
import { evaluationErrorRefusal, REFUSAL_META_KEY } from "./refusal-result.js";
import type { ServerMessageRoutes } from "./server-message-routes.js";

/** The JSON-RPC error code a refused server request is answered with (MCP's "rejected"). */
export const SERVER_REQUEST_REFUSED_CODE = -1;

/** Server requests without content for a model or a person: relayed without a decision. */
const CONTENT_FREE = new Set(["ping", "roots/list"]);

/**
 * Relays a request of the MCP server (`sampling/createMessage`, `elicitation/create`, …) to the
 * client once the governor allowed it (input detectors over its params, one audit record). A
 * refused one never reaches the client: the server gets a JSON-RPC error with code -1, the
 * refusal's text, and the refusal under `data["sec0/refusal"]`. A server reusing the id of its own
 * request in flight is answered with an error and recorded.
 */
export async function relayServerRequest(
  routes: ServerMessageRoutes,
  request: JSONRPCRequest,
  sendOptions: TransportSendOptions | undefined,
): Promise<void> {
  const { method, id } = request;
  if (!CONTENT_FREE.has(method)) {
    const outcome = await governRequest(routes, request);
    if (outcome.status === "refused") return answerServer(routes, id, refusalError(outcome.refusal));
  }
  if (!routes.serverRequests.open(id, method)) {
    routes.recorder.drop({ reason: "mcp_request_id_in_use", from: "server", method, id });
    const message = `sec0: request id ${String(id)} is already in flight (or too many are); it was not relayed.`;
    return answerServer(routes, id, { code: -32600, message });
  }
  try {
    await routes.options.sendToClient(request, sendOptions);
  } catch (error) {
    routes.serverRequests.close(id);
    routes.report(error);
  }
}

async function governRequest(
  routes: ServerMessageRoutes,
  request: JSONRPCRequest,
): Promise<ServerRequestOutcome> {
  try {
    const server = routes.identity.current;
    return await routes.governor.governServerRequest({
      server,
      method: request.method,
      params: request.params,
    });
  } catch (error) {
    routes.report(error);
    const message = "sec0 could not evaluate this request, so it was not relayed (fail closed).";
    return { status: "refused", refusal: evaluationErrorRefusal(message) };
  }
}

function refusalError(refusal: Refusal): JsonRpcErrorObject {
  return {
    code: SERVER_REQUEST_REFUSED_CODE,
    message: `sec0 refused this request: ${refusalText(refusal)}`,
    data: { [REFUSAL_META_KEY]: refusal },
  };
}

async function answerServer(
  routes: ServerMessageRoutes,
  id: RequestId,
  error: JsonRpcErrorObject,
): Promise<void> {
  try {
    await routes.options.sendToServer({ jsonrpc: "2.0", id, error });
  } catch (failure) {
    routes.report(failure);
  }
}
