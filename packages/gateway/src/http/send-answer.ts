import type { FastifyReply } from "fastify";
import type { GatewayAnswer } from "../pipeline/invocation.js";

/** Writes a gateway answer: status, headers and the JSON body. */
export function send(reply: FastifyReply, answer: GatewayAnswer): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .type(answer.contentType ?? "application/json; charset=utf-8")
    .send(answer.body);
}
