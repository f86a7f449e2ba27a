import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Logger } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { startHttpProxy } from "./proxy-http.js";
import { openProxySession, type ProxyChildOptions, type ProxySessionEnd } from "./proxy-session.js";

/** Options of {@link startMcpProxy}. */
export interface McpProxyOptions extends ProxyChildOptions {
  readonly governor: ToolGovernor;
  /** Serve Streamable HTTP on `host:port` (default host 127.0.0.1; port 0 picks a free one) instead of stdio. */
  readonly http?: { readonly port: number; readonly host?: string };
  /** The client side in stdio mode (default: this process's stdin and stdout). */
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  /** Diagnostics; silent by default. Never writes to stdout. */
  readonly logger?: Logger;
}

/** A running proxy. */
export interface McpProxy {
  /** Stops serving and terminates every child process. */
  close(): Promise<void>;
  /**
   * Resolves when the proxy stopped by itself or by `close()`: in stdio mode when the MCP server
   * exited (`server_exited`) or the client closed stdin (`client_closed`); in HTTP mode on `close()`.
   */
  readonly closed: Promise<ProxySessionEnd>;
  /** The Streamable HTTP endpoint (`http://127.0.0.1:<port>/mcp`), in HTTP mode. */
  readonly url?: string;
}

/**
 * Runs any MCP server process (any language) behind sec0: starts `command` as a child over stdio
 * and serves it to the client over stdio or, with `http`, over Streamable HTTP, governing every
 * `tools/call` and filtering every `tools/list`. In HTTP mode each session gets its own child (the
 * JSON-RPC ids and `initialize` of one client never mix with another's); a child that exits ends its
 * session only. The proxy does not own `governor`: close it after `closed` resolves.
 *
 * @throws {Sec0Error} `MIDDLEWARE_PROXY_SPAWN_FAILED` (stdio mode) when the command cannot start,
 *   `MIDDLEWARE_PROXY_LISTEN_FAILED` (HTTP mode) when the port cannot be bound.
 * @example
 * const proxy = await startMcpProxy({ command: "npx", args: ["-y", "@modelcontextprotocol/server-everything"], governor });
 * process.stderr.write(`proxy ended: ${await proxy.closed}\n`);
 */
export async function startMcpProxy(options: McpProxyOptions): Promise<McpProxy> {
  if (options.http !== undefined) {
    return startHttpProxy(options, options.http, options.governor, options.logger);
  }
  const stdin = options.stdin ?? process.stdin;
  const client = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const session = await openProxySession(options, client, options.governor, options.logger);
  // The SDK's stdio server transport does not notice end of input; the client going away must
  // still terminate the child.
  const onEnd = (): void => void session.close("client_closed");
  stdin.once("end", onEnd);
  stdin.once("close", onEnd);
  const closed = session.ended.then((end) => {
    stdin.off("end", onEnd);
    stdin.off("close", onEnd);
    return end;
  });
  return { close: () => session.close(), closed };
}
