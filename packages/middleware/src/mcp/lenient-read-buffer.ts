import type { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { isRequestId } from "./json-rpc.js";

/** The SDK's default bound on one unread line from the child (10 MiB). */
const DEFAULT_MAX_BUFFER_BYTES = 10 * 1024 * 1024;

interface ReadBufferLike {
  append(chunk: Buffer): void;
  readMessage(): JSONRPCMessage | null;
  clear(): void;
}

/**
 * Makes the SDK's stdio client transport hand over a server's malformed answers (an error that is
 * not an object, a non-integer code, a non-string message, a result that is not an object) instead
 * of dropping them: its reader throws on them, so the call they answer would wait forever. The
 * interceptor then answers the client with a well-formed error. Everything else is read exactly as
 * the SDK reads it (same schema, same buffer bound). The transport keeps its reader in
 * `_readBuffer`; the proxy tests with the hostile server's `malformed-error` mode guard this.
 *
 * @example
 * const server = new StdioClientTransport({ command: "node", args: ["server.mjs"] });
 * acceptMalformedAnswers(server);
 */
export function acceptMalformedAnswers(transport: StdioClientTransport): void {
  const holder = transport as unknown as { _readBuffer?: { _maxBufferSize?: number } };
  const max = holder._readBuffer?._maxBufferSize ?? DEFAULT_MAX_BUFFER_BYTES;
  (holder as { _readBuffer: ReadBufferLike })._readBuffer = createLenientReadBuffer(max);
}

function createLenientReadBuffer(maxBytes: number): ReadBufferLike {
  let buffer: Buffer | undefined;
  return {
    append(chunk) {
      if ((buffer?.length ?? 0) + chunk.length > maxBytes) {
        buffer = undefined;
        throw new Error(`ReadBuffer exceeded maximum size of ${maxBytes} bytes`);
      }
      buffer = buffer === undefined ? chunk : Buffer.concat([buffer, chunk]);
    },
    readMessage() {
      if (buffer === undefined) return null;
      const index = buffer.indexOf("\n");
      if (index === -1) return null;
      const line = buffer.toString("utf8", 0, index).replace(/\r$/, "");
      buffer = buffer.subarray(index + 1);
      return deserialize(line);
    },
    clear() {
      buffer = undefined;
    },
  };
}

function deserialize(line: string): JSONRPCMessage {
  const value: unknown = JSON.parse(line);
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (isMalformedAnswer(value)) return value as JSONRPCMessage;
  throw parsed.error;
}

/** A JSON-RPC answer (an id, no method, a result or an error) whose result or error is malformed. */
function isMalformedAnswer(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    record.jsonrpc === "2.0" &&
    isRequestId(record.id) &&
    !("method" in record) &&
    ("error" in record || "result" in record)
  );
}
