import type { ServerResponse } from "node:http";

/**
 * Answers an HTTP request with a JSON-RPC error (`id: null`), as the Streamable HTTP transport does
 * for requests it refuses before reading a message.
 *
 * @example
 * replyJsonRpcError(res, 503, -32000, "Too many sessions.", { "retry-after": "5" });
 */
export function replyJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } }));
}
