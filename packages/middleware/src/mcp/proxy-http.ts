import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Logger, Sec0Error } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { createBearerCheck } from "./bearer-token-check.js";
import { type HttpProxyOptions, isLoopbackHost, resolveHttpProxyOptions } from "./http-proxy-options.js";
import { replyJsonRpcError } from "./http-reply.js";
import type { McpProxy } from "./proxy.js";
import { createProxyRequestHandler, type LiveSession } from "./proxy-http-handler.js";
import type { ProxyChildOptions } from "./proxy-session.js";
import { createSessionTable } from "./proxy-session-table.js";

/** The path the proxy serves Streamable HTTP on. */
export const MCP_PROXY_PATH = "/mcp";

/**
 * The HTTP side of {@link startMcpProxy}: Streamable HTTP with stateful sessions on node:http, one
 * MCP server child per session, at most `maxSessions` of them; a session that sent no message
 * (POST) for `idleTimeoutMs`, none in flight, is closed with its child. With `token`, every request needs it as a bearer token.
 * When bound to a loopback address, requests must carry a loopback `Host` header (protection
 * against DNS rebinding from a browser).
 *
 * @throws {Sec0Error} `MIDDLEWARE_PROXY_TOKEN_REQUIRED`, `MIDDLEWARE_PROXY_OPTIONS_INVALID` before
 *   binding; `MIDDLEWARE_PROXY_LISTEN_FAILED` when `host:port` cannot be bound.
 * @example
 * const proxy = await startHttpProxy({ command: "node", args: ["server.mjs"] }, { port: 0 }, governor);
 */
export async function startHttpProxy(
  child: ProxyChildOptions,
  http: HttpProxyOptions,
  governor: ToolGovernor,
  logger?: Logger,
): Promise<McpProxy> {
  const limits = resolveHttpProxyOptions(http);
  const { host } = limits;
  const table = createSessionTable<LiveSession>({
    ...limits,
    onIdle: (slot) => {
      logger?.info({ sessionId: slot.id, idleTimeoutMs: limits.idleTimeoutMs }, "mcp proxy session idle");
      void slot.value?.session.close("idle_timeout");
    },
  });
  let allowedHosts: ReadonlySet<string> | undefined;
  let closing: Promise<void> | undefined;
  const handle = createProxyRequestHandler({
    child,
    governor,
    logger,
    limits,
    table,
    checkToken: limits.token === undefined ? undefined : createBearerCheck(limits.token),
    path: MCP_PROXY_PATH,
    allowedHosts: () => allowedHosts,
    isClosing: () => closing !== undefined,
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger?.error({ error: (error as Error)?.message }, "mcp proxy request failed");
      replyJsonRpcError(res, 500, -32603, "Internal error in the sec0 proxy.");
    });
  });
  await listen(server, host, limits.port);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  if (isLoopbackHost(host)) {
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${urlHost}:${port}`]);
  }

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<"closed">((resolve) => {
    resolveClosed = () => resolve("closed");
  });
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await Promise.allSettled(table.all().map((slot) => slot.value?.session.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      resolveClosed();
    })();
    return closing;
  };
  return { close, closed, url: `http://${urlHost}:${port}${MCP_PROXY_PATH}` };
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new Sec0Error(
          "MIDDLEWARE_PROXY_LISTEN_FAILED",
          `Could not listen on ${host}:${port}: ${error.message}. Pick another --http port.`,
          { details: { host, port }, cause: error },
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
}
