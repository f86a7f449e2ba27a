import type { ChildProcess } from "node:child_process";
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/**
 * An MCP client transport over the stdio of a process someone else started (a sandboxed tool
 * server): newline-delimited JSON-RPC on its stdin and stdout. `close()` ends stdin; killing the
 * process stays with whoever started it.
 */
export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly #child: ChildProcess;
  readonly #buffer = new ReadBuffer();
  #closed = false;

  constructor(child: ChildProcess) {
    this.#child = child;
  }

  async start(): Promise<void> {
    const { stdout, stdin } = this.#child;
    if (stdout === null || stdin === null) throw new Error("the sandboxed server has no stdio pipes");
    // runInSandbox reads stdout as UTF-8 text too (its last 1 MiB): chunks may be strings.
    stdout.on("data", (chunk: Buffer | string) =>
      this.#read(typeof chunk === "string" ? Buffer.from(chunk) : chunk),
    );
    stdout.on("error", (error: Error) => this.onerror?.(error));
    stdin.on("error", (error: Error) => this.onerror?.(error));
    this.#child.on("close", () => this.#finish());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child.stdin;
    if (this.#closed || stdin === null || stdin.destroyed) throw new Error("the sandboxed server is gone");
    await new Promise<void>((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    this.#child.stdin?.end();
    this.#finish();
  }

  #read(chunk: Buffer): void {
    try {
      this.#buffer.append(chunk);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // A line that is not JSON-RPC is reported and skipped (the buffer is already past it).
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.#buffer.readMessage();
      } catch (error) {
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onclose?.();
  }
}
