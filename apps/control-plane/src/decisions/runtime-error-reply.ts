import { Sec0Error } from "@sec0/core";
import { RUNTIME_ERROR_STATUSES, type RuntimeDecisionError } from "@sec0/core/contracts";
import type { FastifyError, FastifyInstance } from "fastify";
import { ControlPlaneHttpError } from "../errors.js";

type RuntimeErrorStatus = (typeof RUNTIME_ERROR_STATUSES)[number];

// Fastify's own body errors, under the control plane's codes.
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "CP_BODY_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "CP_UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "CP_BODY_INVALID",
  FST_ERR_CTP_INVALID_JSON_BODY: "CP_BODY_INVALID",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "CP_BODY_INVALID",
};

/** A runtime error body and the status it is sent with. */
export interface RuntimeErrorReply {
  readonly status: RuntimeErrorStatus;
  readonly body: RuntimeDecisionError;
}

/**
 * The runtime decision contract's error (`{error: {code, message, retryable, details?}}`) for any
 * error of `POST /v1/runtime/evaluate`. The contract allows only 400, 401, 408, 429 and 500, so
 * the status is folded into those: every other 4xx of a request (a body too large, a wrong
 * content type) is 400, a missing scope or another tenant (403) is 401, any 5xx is 500. The
 * control plane's code (`CP_…`) is kept in `error.code`, so the cause stays precise; `retryable`
 * is true for 408, 429 and 500 (what the runtime client retries). Unknown errors never leak their
 * message.
 *
 * @example
 * runtimeErrorReply(httpError("CP_UNAUTHENTICATED", "Send a valid API key.")).status; // 401
 */
export function runtimeErrorReply(error: unknown): RuntimeErrorReply {
  if (error instanceof ControlPlaneHttpError) {
    return reply(foldStatus(error.status), error.code, error.message, error.details);
  }
  const fastify = error as Partial<FastifyError>;
  const code = fastify.code === undefined ? undefined : FASTIFY_CODES[fastify.code];
  if (code !== undefined) return reply(400, code, fastify.message ?? "The request body could not be read.");
  if (error instanceof SyntaxError || fastify.statusCode === 400) {
    return reply(400, "CP_BODY_INVALID", "The request body could not be read.");
  }
  if (error instanceof Sec0Error && error.code === "CORE_TOOL_REF_INVALID") {
    return reply(400, "CP_REQUEST_INVALID", error.message);
  }
  return reply(500, "CP_INTERNAL", "The control plane failed on this request; it is logged.");
}

/**
 * Makes `scope` (an encapsulated Fastify context holding only the runtime route) answer every
 * error with {@link runtimeErrorReply} as `application/json`, instead of a problem body.
 */
export function installRuntimeErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, replyTo) => {
    const { status, body } = runtimeErrorReply(error);
    if (status === 500) request.log.error({ err: error }, "runtime decision failed");
    return replyTo.code(status).type("application/json").send(body);
  });
}

function foldStatus(status: number): RuntimeErrorStatus {
  if ((RUNTIME_ERROR_STATUSES as readonly number[]).includes(status)) return status as RuntimeErrorStatus;
  if (status === 403) return 401;
  return status >= 500 ? 500 : 400;
}

function reply(
  status: RuntimeErrorStatus,
  code: string,
  message: string,
  details?: unknown,
): RuntimeErrorReply {
  const retryable = status === 408 || status === 429 || status === 500;
  return {
    status,
    body: { error: { code, message, retryable, ...(details === undefined ? {} : { details }) } },
  };
}
