import { z } from "zod";
import { SPAN_ID_HEADER, TRACE_ID_HEADER } from "./gateway-headers.js";
import { JsonObjectSchema, SpanIdSchema, TraceIdSchema } from "./primitives.js";

/** Route of the gateway's tool invocation (`POST`); the body is the tool's arguments object. */
export const GATEWAY_MCP_ROUTE = "/mcp/:server/:toolAtVersion";

/** Route of the gateway's agent-to-agent invocation (`POST`, body {@link A2aInvokeRequestSchema}). */
export const GATEWAY_A2A_ROUTE = "/a2a/invoke";

/** Route every gateway upstream exposes (`POST`, body = the tool's arguments object). */
export const UPSTREAM_INVOKE_ROUTE = "/invoke/:toolAtVersion";

/**
 * Path of a gateway tool call. The server is percent-encoded; the tool keeps its `@` readable, as
 * 0.2.3's client sent it.
 *
 * @example
 * formatGatewayMcpPath("files", "write@1.0"); // "/mcp/files/write@1.0"
 */
export function formatGatewayMcpPath(server: string, toolAtVersion: string): string {
  return `/mcp/${encodeURIComponent(server)}/${encodeURIComponent(toolAtVersion).replaceAll("%40", "@")}`;
}

/**
 * Path of the upstream call the gateway makes (`POST {target}/invoke/{tool@version}`), fully
 * percent-encoded as 0.2.3's gateway did.
 *
 * @example
 * formatUpstreamInvokePath("write@1.0"); // "/invoke/write%401.0"
 */
export function formatUpstreamInvokePath(toolAtVersion: string): string {
  return `/invoke/${encodeURIComponent(toolAtVersion)}`;
}

/**
 * Path parameters of `POST /mcp/{server}/{tool@version}`. Pinning is a policy check
 * (`version_unpinned`), so a tool without `@version` is still a valid path.
 *
 * @example
 * GatewayMcpParamsSchema.parse({ server: "files", toolAtVersion: "write@1.0" });
 */
export const GatewayMcpParamsSchema = z.object({
  server: z.string().min(1).max(200),
  toolAtVersion: z.string().min(1).max(300),
});

/** Path parameters of a gateway tool call. */
export type GatewayMcpParams = z.infer<typeof GatewayMcpParamsSchema>;

/**
 * Body of `POST /mcp/{server}/{tool@version}`: the tool's arguments as a JSON object. An empty
 * request body means `{}`; arrays and primitives are refused.
 *
 * @example
 * GatewayInvokeBodySchema.parse({ path: "/tmp/a", content: "hi" });
 */
export const GatewayInvokeBodySchema = JsonObjectSchema;

/** Body of a gateway tool call. */
export type GatewayInvokeBody = z.infer<typeof GatewayInvokeBodySchema>;

/**
 * Body of `POST /a2a/invoke`: the target server (`to`), the tool and its arguments (absent = `{}`).
 *
 * @example
 * A2aInvokeRequestSchema.parse({ to: "files", toolAtVersion: "read@1.0", args: { path: "/a" } });
 */
export const A2aInvokeRequestSchema = z.looseObject({
  to: z.string().min(1).max(200),
  toolAtVersion: z.string().min(1).max(300),
  args: JsonObjectSchema.optional(),
});

/** Body of an agent-to-agent invocation. */
export type A2aInvokeRequest = z.infer<typeof A2aInvokeRequestSchema>;

/**
 * Headers every gateway reply carries, success or error: the ids of the gateway's hop. 0.2.3's
 * client throws when either is missing.
 *
 * @example
 * GatewayReplyHeadersSchema.parse({ "x-trace-id": "4bf92f3577b34da6a3ce929d0e0e4736", "x-span-id": "00f067aa0ba902b7" });
 */
export const GatewayReplyHeadersSchema = z.looseObject({
  [TRACE_ID_HEADER]: TraceIdSchema,
  [SPAN_ID_HEADER]: SpanIdSchema,
});

/** Headers every gateway reply carries. */
export type GatewayReplyHeaders = z.infer<typeof GatewayReplyHeadersSchema>;

/** Value of `x-dedupe`: first execution, replay of a stored result, or refusal of a duplicate. */
export const DedupeOutcomeSchema = z.enum(["first", "replay", "reject"]);

/** Value of `x-dedupe`. */
export type DedupeOutcome = z.infer<typeof DedupeOutcomeSchema>;

/**
 * Reply body the gateway sends when the upstream answered with something other than JSON.
 *
 * @example
 * GatewayRawReplySchema.parse({ raw: "plain text" });
 */
export const GatewayRawReplySchema = z.object({ raw: z.string() });

/** Reply body wrapping a non-JSON upstream answer. */
export type GatewayRawReply = z.infer<typeof GatewayRawReplySchema>;

/**
 * Gateway error codes and their HTTP statuses. The 0.2.3 codes keep their statuses
 * (`UNAUTHENTICATED` 401, `TOOL_NOT_ALLOWED` 403, `RATE_LIMITED`/`QUOTA_EXCEEDED` 429,
 * `IDEMPOTENT_DUPLICATE` 409, `TARGET_NOT_FOUND` 502, `BROKER_UNAVAILABLE` 503, `UPSTREAM` and
 * `ERROR` by default 502 and 500). `UNAUTHORIZED_TENANT` and `VERSION_UNPINNED`, declared but unused
 * in 0.2.3, get 403; the rest are sec0's. `UPSTREAM` replies carry the upstream's own status when it
 * has one.
 */
export const GATEWAY_ERROR_STATUS = {
  BAD_REQUEST: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED_TENANT: 403,
  TOOL_NOT_ALLOWED: 403,
  VERSION_UNPINNED: 403,
  POLICY_DENIED: 403,
  ESCALATION_PENDING: 403,
  APPROVAL_INVALID: 403,
  NOT_FOUND: 404,
  IDEMPOTENT_DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  ERROR: 500,
  TARGET_NOT_FOUND: 502,
  UPSTREAM: 502,
  BROKER_UNAVAILABLE: 503,
  QUOTA_UNAVAILABLE: 503,
  UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
} as const;

/**
 * A gateway error code (a key of {@link GATEWAY_ERROR_STATUS}).
 *
 * @example
 * GatewayErrorCodeSchema.parse("RATE_LIMITED");
 */
export const GatewayErrorCodeSchema = z.enum(
  Object.keys(GATEWAY_ERROR_STATUS) as [
    keyof typeof GATEWAY_ERROR_STATUS,
    ...(keyof typeof GATEWAY_ERROR_STATUS)[],
  ],
);

/** A gateway error code. */
export type GatewayErrorCode = z.infer<typeof GatewayErrorCodeSchema>;

/**
 * HTTP status of a gateway error code.
 *
 * @example
 * gatewayErrorStatus("QUOTA_EXCEEDED"); // 429
 */
export function gatewayErrorStatus(code: GatewayErrorCode): number {
  return GATEWAY_ERROR_STATUS[code];
}

/**
 * Error body of the gateway. 0.2.3 clients read `error` (the code — a gateway code or one relayed
 * from the upstream) and `message`, plus the denial and escalation fields; sec0's gateway also sends
 * the RFC 9457 members (`type`, `title`, `status`, `code`) in the same object, served as
 * `application/problem+json`, so both kinds of client understand it.
 *
 * @example
 * GatewayErrorBodySchema.parse({ error: "TOOL_NOT_ALLOWED", message: "tool not in allowlist", denial_level: "gateway" });
 */
export const GatewayErrorBodySchema = z.looseObject({
  error: z.string().min(1),
  message: z.string(),
  denial_level: z.string().optional(),
  denial_type: z.string().optional(),
  denial_reason: z.string().optional(),
  escalation_id: z.string().optional(),
  escalation_status: z.string().optional(),
  escalation_error: z.string().optional(),
});

/** Error body of the gateway. */
export type GatewayErrorBody = z.infer<typeof GatewayErrorBodySchema>;
