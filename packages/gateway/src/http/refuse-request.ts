import type { FastifyReply, FastifyRequest } from "fastify";
import { errorAnswer } from "../pipeline/answer-outcome.js";
import type { GatewayRuntime } from "../pipeline/gateway-runtime.js";
import { splitToolAtVersion } from "../pipeline/invocation.js";
import { GatewayError, isGatewayError } from "./gateway-error.js";
import { send } from "./send-answer.js";

/** The gateway error a request failure stands for (Fastify's own errors included). */
export function gatewayErrorOf(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const code = (error as { code?: string })?.code;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new GatewayError("PAYLOAD_TOO_LARGE", "The request body is larger than the gateway accepts.");
  }
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return new GatewayError("UNSUPPORTED_MEDIA_TYPE", "Send the tool's arguments as application/json.");
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new GatewayError("BAD_REQUEST", "The request is malformed.", { status });
  }
  return new GatewayError("ERROR", "The gateway failed to handle the request.");
}

/**
 * Fastify's error handler for gateway routes: a request refused before it could be governed (body
 * too large, not JSON, bad names) gets the gateway's error body, an audit record with reason
 * `request_invalid` (or `payload_too_large`) and the hop ids of that record.
 */
export async function refuseRequest(
  runtime: GatewayRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): Promise<FastifyReply> {
  const gatewayError = gatewayErrorOf(error);
  if (gatewayError.status >= 500)
    runtime.options.logger?.error({ err: (error as Error)?.message }, "sec0 gateway request failed");
  const params = (request.params ?? {}) as { server?: string; toolAtVersion?: string };
  const split =
    typeof params.toolAtVersion === "string" ? splitToolAtVersion(params.toolAtVersion) : undefined;
  const reason = gatewayError.code === "PAYLOAD_TOO_LARGE" ? "payload_too_large" : "request_invalid";
  const hop = await runtime.engine.recordRefusal(
    {
      server: {
        name: typeof params.server === "string" && params.server.length <= 200 ? params.server : "unknown",
      },
      tool: split?.tool ?? "unknown",
      ...(split?.version === undefined ? {} : { version: split.version }),
      args: {},
      headers: request.headers as never,
    },
    { reason, message: gatewayError.message },
  );
  const answer = errorAnswer(
    new GatewayError(gatewayError.code, gatewayError.message, {
      status: gatewayError.status,
      fields: { denial_level: "gateway", denial_reason: reason, ...gatewayError.fields },
      ...(gatewayError.retryAfterSec === undefined ? {} : { retryAfterSec: gatewayError.retryAfterSec }),
      headers: gatewayError.headers,
    }),
    hop,
  );
  runtime.metrics.recordCall(answer.status, reason, 0);
  return send(reply, answer);
}
