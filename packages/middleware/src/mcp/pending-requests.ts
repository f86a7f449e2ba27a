import type { JSONRPCMessage, RequestId } from "@modelcontextprotocol/sdk/types.js";
import { Sec0Error } from "@sec0/core";
import { asRecord, idKey, isErrorResponse, isResultResponse } from "./json-rpc.js";

/** Requests the interceptor sent to the server itself and whose answers it consumes. */
export interface PendingRequests {
  /**
   * Waits for the server's answer to `id`: resolves with its `result`, rejects with a `Sec0Error`
   * `MIDDLEWARE_MCP_SERVER_ERROR` (details: the JSON-RPC error) for an error answer.
   */
  wait(id: RequestId, options?: { readonly timeoutMs?: number }): Promise<unknown>;
  has(id: RequestId): boolean;
  /** Settles the waiter of a response; false when nobody waits for it (forward it instead). */
  settle(message: JSONRPCMessage): boolean;
  /** Rejects one waiter (the client cancelled the call). */
  reject(id: RequestId, error: Error): void;
  /** Rejects every waiter (the connection closed). */
  rejectAll(error: Error): void;
}

interface Waiter {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Creates the registry of requests whose answers the interceptor consumes rather than forwards.
 *
 * @example
 * const pending = createPendingRequests();
 * const answer = pending.wait(7, { timeoutMs: 5_000 });
 */
export function createPendingRequests(): PendingRequests {
  const waiters = new Map<string, Waiter>();
  const take = (key: string): Waiter | undefined => {
    const waiter = waiters.get(key);
    if (waiter === undefined) return undefined;
    waiters.delete(key);
    if (waiter.timer !== undefined) clearTimeout(waiter.timer);
    return waiter;
  };
  return {
    wait(id, options) {
      const key = idKey(id);
      if (waiters.has(key)) {
        return Promise.reject(
          new Sec0Error("MIDDLEWARE_MCP_REQUEST_DUPLICATE", `Request ${String(id)} is already in flight.`),
        );
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { resolve, reject };
        const timeoutMs = options?.timeoutMs;
        if (timeoutMs !== undefined) {
          waiter.timer = setTimeout(() => {
            take(key)?.reject(
              new Sec0Error(
                "MIDDLEWARE_MCP_REQUEST_TIMEOUT",
                `The MCP server did not answer request ${String(id)} within ${timeoutMs} ms.`,
              ),
            );
          }, timeoutMs);
          waiter.timer.unref?.();
        }
        waiters.set(key, waiter);
      });
    },
    has: (id) => waiters.has(idKey(id)),
    settle(message) {
      if (!("id" in message) || "method" in message) return false;
      const waiter = take(idKey(message.id));
      if (waiter === undefined) return false;
      if (isResultResponse(message)) waiter.resolve(message.result);
      else if (isErrorResponse(message)) waiter.reject(serverError(message.error));
      return true;
    },
    reject(id, error) {
      take(idKey(id))?.reject(error);
    },
    rejectAll(error) {
      for (const key of [...waiters.keys()]) take(key)?.reject(error);
    },
  };
}

/** The JSON-RPC error object carried by a `MIDDLEWARE_MCP_SERVER_ERROR`. */
export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/**
 * Wraps a JSON-RPC error answer of the MCP server; `details` is the error object unchanged, so it
 * can be relayed to the client as it was.
 *
 * @example
 * serverError({ code: -32602, message: "Unknown tool" }).details; // { code: -32602, message: "Unknown tool" }
 */
export function serverError(error: unknown): Sec0Error {
  const record = asRecord(error) ?? {};
  const rpc: JsonRpcErrorObject = {
    code: typeof record.code === "number" ? record.code : -32603,
    message: typeof record.message === "string" ? record.message : "Internal error",
    ...(record.data === undefined ? {} : { data: record.data }),
  };
  return new Sec0Error(
    "MIDDLEWARE_MCP_SERVER_ERROR",
    `The MCP server answered with an error: ${rpc.message}`,
    {
      details: { ...rpc },
    },
  );
}

/** The JSON-RPC error object of a `MIDDLEWARE_MCP_SERVER_ERROR`, else undefined. */
export function jsonRpcErrorOf(error: unknown): JsonRpcErrorObject | undefined {
  if (!(error instanceof Sec0Error) || error.code !== "MIDDLEWARE_MCP_SERVER_ERROR") return undefined;
  return error.details as JsonRpcErrorObject | undefined;
}
