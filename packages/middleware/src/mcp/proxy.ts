import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Logger } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { createBoundedLogger } from "./bounded-log.js";
import type { HttpProxyOptions } from "./http-proxy-options.js";
import { startHttpProxy } from "./proxy-http.js";
import { openProxySession, type ProxyChildOptions, type ProxySessionEnd } from "./proxy-session.js";

/** Options of {@link startMcpProxy}. */
export interface McpProxyOptions extends ProxyChildOptions {
  readonly governor: ToolGovernor;
  /**
   * Serve Streamable HTTP on `host:port` (default host 127.0.0.1; port 0 picks a free one) instead
   * of stdio, with a bearer `token` (required beyond loopback) and session, idle, body and
   * in-flight limits.
   */
  readonly http?: HttpProxyOptions;
  /** The client side in stdio mode (default: this process's stdin and stdout). */
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  /**
   * Diagnostics; silent by default. Never writes to stdout. Lines are bounded: each field at most
   * 512 characters, at most 5 of one kind a minute, then one `suppressed similar log messages`.
   */
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
 * @throws {Sec0Error} `MIDDLEWARE_PROXY_SPAWN_FAILED` (stdio mode) when the command cannot start;
 *   in HTTP mode `MIDDLEWARE_PROXY_TOKEN_REQUIRED` (a non-loopback host without a token),
 *   `MIDDLEWARE_PROXY_OPTIONS_INVALID`, `MIDDLEWARE_PROXY_LISTEN_FAILED` (the port cannot be bound).
 * @example
 * const proxy = await startMcpProxy({ command: "npx", args: ["-y", "@modelcontextprotocol/server-everything"], governor });
 * process.stderr.write(`proxy ended: ${await proxy.closed}\n`);
 */
export async function startMcpProxy(options: McpProxyOptions): Promise<McpProxy> {
  // A peer controls what ends up in error messages: bound them once for every session.
  const logger = options.logger === undefined ? undefined : createBoundedLogger(options.logger);
  const proxy =
    options.http !== undefined
      ? await startHttpProxy(options, options.http, options.governor, logger)
      : await startStdioProxy(options, logger);
  const closed = proxy.closed.then((end) => {
    logger?.flush();
    return end;
  });
  return { ...proxy, closed, close: () => proxy.close().then(() => logger?.flush()) };
}

async function startStdioProxy(options: McpProxyOptions, logger: Logger | undefined): Promise<McpProxy> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const client = new StdioServerTransport(stdin, stdout);
  const session = await openProxySession(options, client, options.governor, logger, stdout);
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
