import { createProblemDetails, PROBLEM_CONTENT_TYPE } from "@sec0/core/contracts";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { type ControlPlaneErrorCode, ControlPlaneHttpError, httpError } from "../errors.js";

/** Sends `error` as an RFC 9457 problem body with its status and code. */
export function sendProblem(reply: FastifyReply, error: ControlPlaneHttpError): FastifyReply {
  const body = createProblemDetails({
    status: error.status,
    code: error.code,
    detail: error.message,
    // The route's pattern, not the request's path: a path may carry what a caller should not
    // have put there (a key), and the problem body must never echo it.
    ...(reply.request.routeOptions.url === undefined ? {} : { instance: reply.request.routeOptions.url }),
    ...(error.details === undefined ? {} : { details: error.details as Record<string, unknown> }),
  });
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

// Fastify's own errors (body parsing and limits) as our codes.
const FASTIFY_CODES: Readonly<Record<string, [ControlPlaneErrorCode, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ["CP_BODY_TOO_LARGE", "The request body is larger than the server accepts."],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    "CP_UNSUPPORTED_MEDIA_TYPE",
    "This content type is not accepted here: send application/json (or text/yaml for policies).",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["CP_BODY_INVALID", "The JSON body is empty."],
  FST_ERR_CTP_INVALID_JSON_BODY: ["CP_BODY_INVALID", "The body is not valid JSON."],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["CP_BODY_INVALID", "Content-Length does not match the body."],
};

/**
 * Answers every error and unknown route with a problem body: route errors with their code,
 * Fastify's parsing errors mapped to ours, anything else as `CP_INTERNAL` (logged with its stack,
 * never sent).
 */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ControlPlaneHttpError) return sendProblem(reply, error);
    const known = error.code === undefined ? undefined : FASTIFY_CODES[error.code];
    if (known !== undefined) return sendProblem(reply, httpError(known[0], known[1]));
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendProblem(reply, httpError("CP_BODY_INVALID", "The request body could not be read."));
    }
    request.log.error({ err: error }, "control plane request failed");
    return sendProblem(
      reply,
      httpError("CP_INTERNAL", "The control plane failed on this request; it is logged."),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, httpError("CP_ROUTE_NOT_FOUND", `No route ${request.method} for this path.`)),
  );
}
