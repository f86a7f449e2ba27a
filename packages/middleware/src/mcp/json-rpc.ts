import type {
  JSONRPCErrorResponse,
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResultResponse,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";

// Structural checks instead of the SDK's zod guards: these run on every message, in both
// directions, and a schema parse per message would dominate the proxy's cost.

/** True for a JSON-RPC request (has `method` and `id`). */
export function isRequest(message: JSONRPCMessage): message is JSONRPCRequest {
  return "method" in message && "id" in message;
}

/** True for a JSON-RPC notification (has `method`, no `id`). */
export function isNotification(message: JSONRPCMessage): message is JSONRPCNotification {
  return "method" in message && !("id" in message);
}

/** True for a successful JSON-RPC response. */
export function isResultResponse(message: JSONRPCMessage): message is JSONRPCResultResponse {
  return "result" in message && "id" in message && !("method" in message);
}

/** True for a JSON-RPC error response. */
export function isErrorResponse(message: JSONRPCMessage): message is JSONRPCErrorResponse {
  return "error" in message && !("method" in message);
}

/** A map key for a request id: `1` and `"1"` are different ids. */
export function idKey(id: RequestId | undefined): string {
  return typeof id === "number" ? `n:${id}` : `s:${String(id)}`;
}

/** The plain-object view of a message's `params` (an empty object when absent or not an object). */
export function paramsOf(message: JSONRPCRequest | JSONRPCNotification): Record<string, unknown> {
  const params = message.params as unknown;
  return typeof params === "object" && params !== null && !Array.isArray(params)
    ? (params as Record<string, unknown>)
    : {};
}

/** A plain object, or undefined for anything else (arrays, null, primitives). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** True for a usable JSON-RPC request id (a string or a number); `null` and others match nothing. */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === "string" || typeof value === "number";
}
