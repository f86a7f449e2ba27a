import { defineErrorCodes } from "@sec0/core";
import { GATEWAY_CLIENT_ERRORS } from "@sec0/guard";

/** The error codes `@sec0/middleware` throws, each with what it means; docs/errors.md says what to do. */
export const MIDDLEWARE_ERRORS = defineErrorCodes({
  MIDDLEWARE_CONFIG_INVALID:
    "A circuit-breaker field (enforcement.circuit_breakers.*), an idempotency-store option, or a runtime setting (mode, failureMode, remote.* or a SEC0_RUNTIME_* variable) is out of range or unknown, or remote runtime mode has no endpoint, or the middleware has neither a signer nor an adapters.auditSink, or an inline policy enables dast without the dast.server option.",
  MIDDLEWARE_JUDGE_CONFIG_INVALID:
    "The policy's llm_judge cannot build a judge: no model, an api_key written out instead of env://NAME, or the named variable is not set (a judge failure: judge_unavailable).",
  // The gateway client (in @sec0/guard, re-exported here) throws these under their 0.2.3 names.
  ...GATEWAY_CLIENT_ERRORS,
  MIDDLEWARE_POLICY_DENIED:
    'A seed-shape tool call (server.tool("name@1.0", handler)) was refused (0.2.3\'s PolicyDeniedError).',
  MIDDLEWARE_SERVER_UNSUPPORTED:
    "sec0SecurityMiddleware got something that is neither an official MCP SDK server nor a seed-shape server with tool() and __getTools().",
  MIDDLEWARE_ALREADY_CONNECTED:
    "governMcpServer was called on an SDK server that is already connected to a transport; wrapping after connect is not supported.",
  MIDDLEWARE_ALREADY_GOVERNED: "governMcpServer was called twice on the same server.",
  MIDDLEWARE_REGISTRY_FROZEN:
    "Code registered a tool (registerTool, tool, a task tool) or changed a registered tool's handler, name, schema, description, annotations or _meta after governMcpServer.",
  MIDDLEWARE_MCP_SERVER_ERROR:
    "The MCP server answered a governed tools/call with a JSON-RPC error; details is that error (code, message, data).",
  MIDDLEWARE_MCP_CALL_CANCELLED:
    "The client sent notifications/cancelled for a governed call: execute fails with this code and no answer is sent (the client stopped waiting).",
  MIDDLEWARE_MCP_CONNECTION_CLOSED:
    "The MCP connection closed while a governed call waited for the server's answer.",
  MIDDLEWARE_MCP_REQUEST_DUPLICATE:
    "The client reused the id of a request still in flight (JSON-RPC forbids it), or an id starting with sec0:; the request is answered with a JSON-RPC error -32600 (data.code is this code), never forwarded, and recorded as mcp_request_id_in_use.",
  MIDDLEWARE_MCP_MESSAGES_DROPPED:
    "More than 100 MCP messages were dropped on one connection (forged or second answers, requests without an id, reused ids): the rest are counted and recorded in one audit record per reason when the connection closes. Reported to onError / the proxy log once per connection.",
  MIDDLEWARE_MCP_REQUEST_TIMEOUT:
    "The server did not answer the interceptor's own tools/list (sent for a tool the client never listed) within waitTimeoutMs (default 10000).",
  MIDDLEWARE_PROXY_SPAWN_FAILED:
    "startMcpProxy / sec0 mcp proxy could not start the MCP server command (not found, not executable, bad cwd).",
  MIDDLEWARE_PROXY_LISTEN_FAILED:
    "The proxy could not bind --host:--http (port in use, address not local, permission).",
  MIDDLEWARE_PROXY_TOKEN_REQUIRED:
    "The HTTP proxy was asked to bind a non-loopback address (0.0.0.0, ::, a LAN address, a host name) without a bearer token; it refuses before binding.",
  MIDDLEWARE_PROXY_OPTIONS_INVALID:
    "An HTTP proxy limit (maxSessions, idleTimeoutMs, maxBodyBytes, maxInFlightPerSession) is not a whole number ≥ 1, or the bearer token is shorter than 16 characters or has whitespace; details.field names it.",
});

/** A code of {@link MIDDLEWARE_ERRORS}. */
export type MiddlewareErrorCode = keyof typeof MIDDLEWARE_ERRORS;
