import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { asRecord } from "./json-rpc.js";
import type { JsonRpcErrorObject } from "./pending-requests.js";
import { REFUSAL_META_KEY } from "./refusal-result.js";

/** The `_meta` keys only sec0 writes: a server that sends them is stripped of them. */
export const SEC0_META_KEYS: readonly string[] = Object.freeze([REFUSAL_META_KEY]);

/** Longest error message relayed from a server; longer ones are cut. */
export const MAX_SERVER_ERROR_MESSAGE = 1_000;

const MALFORMED_ERROR = "The MCP server sent a malformed error (sec0 replaced it).";

/**
 * A server's message as it may travel on: sec0's own `_meta` keys removed from a result, the
 * params of a request or notification and an error's `data`, and an error made well formed
 * ({@link wellFormedError}); a response without an object `result` or a valid `error` becomes an
 * error. The message itself is returned when nothing needed changing (the common case: no copy).
 *
 * @example
 * sanitizeServerMessage({ jsonrpc: "2.0", id: 1, error: "boom" } as never);
 * // { jsonrpc: "2.0", id: 1, error: { code: -32603, message: "The MCP server sent a malformed error (sec0 replaced it)." } }
 */
export function sanitizeServerMessage(message: JSONRPCMessage): JSONRPCMessage {
  const raw = message as unknown as Record<string, unknown>;
  if (typeof raw.method === "string") {
    const params = asRecord(raw.params);
    const meta = withoutSec0Keys(params?._meta);
    return meta === undefined ? message : ({ ...raw, params: { ...params, _meta: meta } } as JSONRPCMessage);
  }
  if ("error" in raw) {
    const error = wellFormedError(raw.error);
    return error === raw.error ? message : ({ jsonrpc: "2.0", id: raw.id, error } as JSONRPCMessage);
  }
  const result = asRecord(raw.result);
  if (result === undefined) {
    const error = { code: -32603, message: "The MCP server sent a malformed result (sec0 replaced it)." };
    return { jsonrpc: "2.0", id: raw.id, error } as JSONRPCMessage;
  }
  const meta = withoutSec0Keys(result._meta);
  return meta === undefined ? message : ({ ...raw, result: { ...result, _meta: meta } } as JSONRPCMessage);
}

/**
 * A JSON-RPC error object that is well formed: an integer `code` (else -32603), a string `message`
 * of at most {@link MAX_SERVER_ERROR_MESSAGE} characters, `data` without sec0's keys. The error
 * itself is returned when it already is one.
 *
 * @example
 * wellFormedError({ code: 1.5, message: "x" }); // { code: -32603, message: "x" }
 */
export function wellFormedError(error: unknown): JsonRpcErrorObject {
  const record = asRecord(error);
  if (record === undefined) return { code: -32603, message: MALFORMED_ERROR };
  const code = Number.isSafeInteger(record.code) ? (record.code as number) : -32603;
  let message = typeof record.message === "string" ? record.message : MALFORMED_ERROR;
  if (message.length > MAX_SERVER_ERROR_MESSAGE) {
    message = `${message.slice(0, MAX_SERVER_ERROR_MESSAGE)}… (cut by sec0)`;
  }
  const data = asRecord(record.data);
  const cleanData = data === undefined ? undefined : withoutSec0Keys(data);
  if (code === record.code && message === record.message && cleanData === undefined) {
    return record as unknown as JsonRpcErrorObject;
  }
  const kept = cleanData ?? record.data;
  return kept === undefined ? { code, message } : { code, message, data: kept };
}

/** A copy of `meta` without sec0's keys, or undefined when it holds none (nothing to change). */
function withoutSec0Keys(meta: unknown): Record<string, unknown> | undefined {
  const record = asRecord(meta);
  if (record === undefined) return undefined;
  let copy: Record<string, unknown> | undefined;
  for (const key of SEC0_META_KEYS) {
    if (!Object.hasOwn(record, key)) continue;
    copy ??= { ...record };
    delete copy[key];
  }
  return copy;
}
