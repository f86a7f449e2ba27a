import type { z } from "zod";
import { controlPlaneError } from "./control-plane-error.js";
import { redactUrl } from "./control-plane-url.js";
import type { ControlPlaneResponse } from "./send-control-plane-request.js";

/** Which request a reply answered, for the error when it is unusable. */
export interface ReplyOrigin {
  readonly url: string;
  readonly method: string;
}

/**
 * Parses a reply as JSON and validates it with `schema` (a zod contract from `@sec0/core`).
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_INVALID_REPLY` with `details.kind` `invalid_json` or
 *   `contract_violation` (and `details.issue`, the path of the first issue; never the value).
 * @example
 * const reply = parseControlPlaneReply(response, EscalationResponseSchema, { url, method: "POST" });
 */
export function parseControlPlaneReply<Schema extends z.ZodType>(
  response: ControlPlaneResponse,
  schema: Schema,
  origin: ReplyOrigin,
): z.output<Schema> {
  const where = {
    url: redactUrl(origin.url),
    method: origin.method,
    status: response.status,
    attempts: response.attempts,
  };
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    // No cause: a JSON syntax error quotes the body, which is not ours to repeat.
    throw controlPlaneError({ ...where, kind: "invalid_json" });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]?.path.map(String).join(".") || "(root)";
    throw controlPlaneError({ ...where, kind: "contract_violation", issue });
  }
  return parsed.data;
}
