import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { type Logger, Sec0Error } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { asRecord } from "./json-rpc.js";
import type { McpProxy } from "./proxy.js";
import { openProxySession, type ProxyChildOptions, type ProxySession } from "./proxy-session.js";

/** The path the proxy serves Streamable HTTP on. */
export const MCP_PROXY_PATH = "/mcp";

/** Largest request body accepted (4 MiB). */
export const MAX_PROXY_BODY_BYTES = 4 * 1024 * 1024;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * The HTTP side of {@link startMcpProxy}: Streamable HTTP with stateful sessions on node:http, one
 * MCP server child per session. When bound to a loopback address, requests must carry a loopback
 * `Host` header (protection against DNS rebinding from a browser).
 *
 * @throws {Sec0Error} `MIDDLEWARE_PROXY_LISTEN_FAILED` when `host:port` cannot be bound.
 * @example
 * const proxy = await startHttpProxy({ command: "node", args: ["server.mjs"] }, { port: 0 }, governor);
 */
export async function startHttpProxy(
  child: ProxyChildOptions,
  http: { readonly port: number; readonly host?: string },
  governor: ToolGovernor,
  logger?: Logger,
): Promise<McpProxy> {
  const host = http.host ?? "127.0.0.1";
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const open = new Set<ProxySession>();
  let allowedHosts: ReadonlySet<string> | undefined;

  const startSession = async (req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> => {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
    });
    let session: ProxySession;
    try {
      session = await openProxySession(child, transport, governor, logger);
    } catch (error) {
      logger?.error({ error: (error as Error).message }, "mcp proxy could not start the MCP server");
      return replyError(res, 502, -32603, "The proxy could not start the MCP server; see the proxy's log.");
    }
    open.add(session);
    void session.ended.then((end) => {
      open.delete(session);
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
      logger?.info({ sessionId: transport.sessionId, end }, "mcp proxy session ended");
    });
    await transport.handleRequest(req, res, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    if (path !== MCP_PROXY_PATH)
      return replyError(res, 404, -32000, `Not found: the MCP endpoint is ${MCP_PROXY_PATH}.`);
    if (allowedHosts !== undefined && !allowedHosts.has(req.headers.host ?? "")) {
      return replyError(res, 403, -32000, "Forbidden: the Host header is not this proxy's loopback address.");
    }
    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const transport = sessions.get(sessionId);
      if (transport === undefined) return replyError(res, 404, -32001, "Session not found");
      return transport.handleRequest(req, res);
    }
    if (req.method !== "POST")
      return replyError(res, 400, -32000, "Bad Request: No valid session ID provided");
    const body = await readJsonBody(req);
    if (body === undefined)
      return replyError(res, 400, -32700, "Parse error: the body is not JSON or is too large.");
    if (asRecord(body)?.method !== "initialize") {
      return replyError(res, 400, -32000, "Bad Request: No valid session ID provided");
    }
    return startSession(req, res, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger?.error({ error: (error as Error)?.message }, "mcp proxy request failed");
      if (!res.headersSent) replyError(res, 500, -32603, "Internal error in the sec0 proxy.");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new Sec0Error(
          "MIDDLEWARE_PROXY_LISTEN_FAILED",
          `Could not listen on ${host}:${http.port}: ${error.message}. Pick another --http port.`,
          {
            details: { host, port: http.port },
            cause: error,
          },
        ),
      ),
    );
    server.listen(http.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (LOOPBACK_HOSTS.has(host)) {
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${MCP_PROXY_PATH}`;

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<"closed">((resolve) => {
    resolveClosed = () => resolve("closed");
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await Promise.allSettled([...open].map((session) => session.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      resolveClosed();
    })();
    return closing;
  };
  return { close, closed, url };
}

function replyError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } }));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PROXY_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
