import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Logger } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import type { BearerCheck } from "./bearer-token-check.js";
import type { ResolvedHttpProxyOptions } from "./http-proxy-options.js";
import { replyJsonRpcError as replyError } from "./http-reply.js";
import { asRecord } from "./json-rpc.js";
import { openProxySession, type ProxyChildOptions, type ProxySession } from "./proxy-session.js";
import type { SessionSlot, SessionTable } from "./proxy-session-table.js";
import { readRequestBody } from "./read-request-body.js";

/** What the proxy keeps of a started session. */
export interface LiveSession {
  readonly transport: StreamableHTTPServerTransport;
  readonly session: ProxySession;
}

/** What {@link createProxyRequestHandler} needs of its proxy. */
export interface ProxyRequestDeps {
  readonly child: ProxyChildOptions;
  readonly governor: ToolGovernor;
  readonly logger: Logger | undefined;
  readonly limits: ResolvedHttpProxyOptions;
  readonly table: SessionTable<LiveSession>;
  /** `undefined`: no token configured. */
  readonly checkToken: ((authorization: string | undefined) => BearerCheck) | undefined;
  /** The MCP endpoint's path. */
  readonly path: string;
  /** Accepted `Host` headers (loopback binds), or `undefined` for any. */
  allowedHosts(): ReadonlySet<string> | undefined;
  /** The proxy is shutting down: no new session may start. */
  isClosing(): boolean;
}

const WWW_AUTHENTICATE = 'Bearer realm="sec0-mcp-proxy"';

/**
 * Creates the proxy's request handler, checks first and cheapest first: path, `Host`, bearer
 * token; then, in a session, the in-flight limit and the body size; without one, the body size,
 * `initialize` and the session cap, all before a child process is spawned.
 *
 * @example
 * const handle = createProxyRequestHandler(deps);
 * createServer((req, res) => void handle(req, res));
 */
export function createProxyRequestHandler(
  deps: ProxyRequestDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { limits, table, logger } = deps;

  const readBody = async (
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ value: unknown } | undefined> => {
    const body = await readRequestBody(req, limits.maxBodyBytes);
    if (body.kind === "json") return { value: body.value };
    if (body.kind === "too_large") {
      const message = `Payload Too Large: the proxy accepts at most ${limits.maxBodyBytes} bytes.`;
      replyError(res, 413, -32000, message, { connection: "close" });
    } else replyError(res, 400, -32700, "Parse error: the body is not JSON.");
    return undefined;
  };

  const handleInSession = async (req: IncomingMessage, res: ServerResponse, sessionId: string) => {
    const slot = table.get(sessionId);
    const live = slot?.value;
    if (slot === undefined || live === undefined) return replyError(res, 404, -32001, "Session not found");
    // GET (the server's stream) and DELETE carry no message; the SDK allows one GET stream.
    if (req.method !== "POST") return live.transport.handleRequest(req, res);
    if (!table.begin(slot, res)) {
      const message = "Too Many Requests: this session has too many requests in flight.";
      return replyError(res, 429, -32000, message, { "retry-after": "1" });
    }
    const body = await readBody(req, res);
    if (body !== undefined) await live.transport.handleRequest(req, res, body.value);
  };

  return async (req, res) => {
    if (new URL(req.url ?? "/", "http://proxy").pathname !== deps.path)
      return replyError(res, 404, -32000, `Not found: the MCP endpoint is ${deps.path}.`);
    const hosts = deps.allowedHosts();
    if (hosts !== undefined && !hosts.has(req.headers.host ?? "")) {
      return replyError(res, 403, -32000, "Forbidden: the Host header is not this proxy's loopback address.");
    }
    const auth = deps.checkToken?.(req.headers.authorization) ?? "ok";
    if (auth !== "ok") {
      const challenge = auth === "missing" ? WWW_AUTHENTICATE : `${WWW_AUTHENTICATE}, error="invalid_token"`;
      const message = "Unauthorized: send Authorization: Bearer <the proxy's token>.";
      return replyError(res, 401, -32001, message, { "www-authenticate": challenge });
    }
    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") return handleInSession(req, res, sessionId);
    if (req.method !== "POST")
      return replyError(res, 400, -32000, "Bad Request: No valid session ID provided");
    const body = await readBody(req, res);
    if (body === undefined) return;
    if (asRecord(body.value)?.method !== "initialize") {
      return replyError(res, 400, -32000, "Bad Request: No valid session ID provided");
    }
    const slot = deps.isClosing() ? undefined : table.reserve();
    if (slot === undefined) {
      logger?.warn({ maxSessions: limits.maxSessions }, "mcp proxy session cap reached");
      const message = "Service Unavailable: the proxy has as many sessions as it allows.";
      return replyError(res, 503, -32000, message, { "retry-after": "5" });
    }
    return startSession(deps, slot, req, res, body.value);
  };
}

/** Spawns the child of a reserved slot and hands it the `initialize` request. */
async function startSession(
  deps: ProxyRequestDeps,
  slot: SessionSlot<LiveSession>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  const { table, logger } = deps;
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => table.name(slot, id),
  });
  // In flight from now: the idle clock must not run while the child starts.
  table.begin(slot, res);
  let session: ProxySession;
  try {
    session = await openProxySession(deps.child, transport, deps.governor, logger);
  } catch (error) {
    table.release(slot);
    logger?.error({ error: (error as Error).message }, "mcp proxy could not start the MCP server");
    return replyError(res, 502, -32603, "The proxy could not start the MCP server; see the proxy's log.");
  }
  slot.value = { transport, session };
  table.refresh(slot);
  void session.ended.then((end) => {
    table.release(slot);
    logger?.info({ sessionId: slot.id, end }, "mcp proxy session ended");
  });
  if (deps.isClosing()) {
    await session.close();
    return replyError(res, 503, -32000, "Service Unavailable: the proxy is shutting down.");
  }
  await transport.handleRequest(req, res, body);
  // The SDK refused the initialize (no session id): nothing can reach this child, so it goes now.
  if (transport.sessionId === undefined) {
    table.release(slot);
    await session.close();
  }
}
