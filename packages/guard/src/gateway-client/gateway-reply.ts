// Interpretation of a gateway reply: success body with the hop ids, or the error the caller sees.
import { Sec0Error } from "@sec0/core";
import { DEDUPE_HEADER, RETRY_AFTER_HEADER, SPAN_ID_HEADER, TRACE_ID_HEADER } from "@sec0/core/contracts";

/** A successful reply: the reply object (or `{result}`) with the gateway's hop ids. */
export type GatewayReply = Record<string, unknown> & { traceId: string; spanId: string };

/** What the reply is about, for messages. */
export interface GatewayCallTarget {
  readonly gatewayBaseUrl: string;
  readonly server: string;
  readonly toolAtVersion: string;
}

/**
 * The result of a gateway reply.
 * @throws {Sec0Error} `MIDDLEWARE_GATEWAY_ERROR` for a non-2xx status, `MIDDLEWARE_GATEWAY_TRACE_MISSING`
 * for a 2xx without `x-trace-id` / `x-span-id`.
 */
export function interpretReply(params: GatewayCallTarget, response: Response, text: string): GatewayReply {
  const traceId = response.headers.get(TRACE_ID_HEADER) ?? undefined;
  const spanId = response.headers.get(SPAN_ID_HEADER) ?? undefined;
  const body = parseBody(text);
  if (!response.ok) throw replyError(params, response, body, traceId, spanId, text);
  if (traceId === undefined || traceId.length === 0 || spanId === undefined || spanId.length === 0) {
    throw new Sec0Error(
      "MIDDLEWARE_GATEWAY_TRACE_MISSING",
      `The reply from ${params.gatewayBaseUrl} lacks x-trace-id/x-span-id; point gatewayBaseUrl at a sec0 gateway.`,
      { details: { status: response.status } },
    );
  }
  if (isRecord(body)) return { ...body, traceId, spanId };
  return { result: body, traceId, spanId };
}

function replyError(
  params: GatewayCallTarget,
  response: Response,
  body: unknown,
  traceId: string | undefined,
  spanId: string | undefined,
  text: string,
): Sec0Error {
  const fields = isRecord(body) ? body : {};
  const code = stringField(fields, "error") ?? stringField(fields, "code") ?? `HTTP_${response.status}`;
  const message = stringField(fields, "message") ?? stringField(fields, "detail");
  const retryAfter = response.headers.get(RETRY_AFTER_HEADER) ?? undefined;
  const retryAfterMs = parseRetryAfter(retryAfter);
  const details: Record<string, unknown> = { code, status: response.status };
  const optional: Record<string, unknown> = {
    message,
    traceId,
    spanId,
    denial_level: stringField(fields, "denial_level"),
    denial_type: stringField(fields, "denial_type"),
    denial_reason: stringField(fields, "denial_reason"),
    escalation_id: stringField(fields, "escalation_id"),
    escalation_status: stringField(fields, "escalation_status"),
    escalation_error: stringField(fields, "escalation_error"),
    retryAfter,
    retryAfterMs,
    dedupe: response.headers.get(DEDUPE_HEADER) ?? undefined,
    body: replyBody(body, text),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) details[key] = value;
  return new Sec0Error(
    "MIDDLEWARE_GATEWAY_ERROR",
    `Gateway refused ${params.server}/${params.toolAtVersion} with ${response.status} ${code}${
      message === undefined ? "" : `: ${message}`
    }. ${hintFor(response.status, retryAfterMs)}`,
    { details },
  );
}

function hintFor(status: number, retryAfterMs: number | undefined): string {
  if (status === 401) return "Send a valid token in authHeader.";
  if (status === 403)
    return "The gateway's policy or entitlements refuse this call; see details.denial_reason.";
  if (status === 409)
    return "The idempotency key was already used; pass idempotencySalt to run the call again.";
  if (status === 429) {
    return retryAfterMs === undefined ? "Slow down and retry later." : `Retry after ${retryAfterMs} ms.`;
  }
  return "See details.code.";
}

/** The error for a request that got no reply: `MIDDLEWARE_GATEWAY_TIMEOUT` or `MIDDLEWARE_GATEWAY_UNREACHABLE`. */
export function transportError(error: unknown, url: string, timeoutMs: number): Sec0Error {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new Sec0Error(
      "MIDDLEWARE_GATEWAY_TIMEOUT",
      `The gateway did not answer ${url} within ${timeoutMs} ms; raise timeoutMs or check the gateway.`,
      { details: { timeoutMs }, cause: error },
    );
  }
  return new Sec0Error(
    "MIDDLEWARE_GATEWAY_UNREACHABLE",
    `The gateway at ${url} could not be reached; check gatewayBaseUrl and that the gateway is running.`,
    { cause: error },
  );
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Longest reply text kept in `details.body` (a JSON reply longer than this is kept as cut text). */
const MAX_DETAILS_BODY = 16_384;

// The refusal as the gateway sent it (its own fields beyond the denial ones), bounded in size.
function replyBody(body: unknown, text: string): unknown {
  if (text.length === 0) return undefined;
  if (text.length <= MAX_DETAILS_BODY) return body;
  return `${text.slice(0, MAX_DETAILS_BODY)}…`;
}

function parseBody(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function stringField(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
