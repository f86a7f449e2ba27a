import { API_KEY_HEADER } from "@sec0/core/contracts";
import type { FastifyRequest } from "fastify";
import { httpError } from "../errors.js";

/**
 * The key a discovery or key-validation request presents: `x-api-key`, else
 * `Authorization: Bearer`, else the body's `apiKey`. 0.2.3 sends the same key in the header and the
 * body, and sec0's client adds the bearer header: every copy given must be the same key.
 *
 * @throws `CP_REQUEST_INVALID` when two of them differ (neither key is named in the error).
 * @example
 * const text = presentedApiKey(request, body?.apiKey);
 */
export function presentedApiKey(request: FastifyRequest, bodyKey: string | undefined): string | undefined {
  const candidates = [headerKey(request), bearerKey(request), bodyKey].filter(
    (value): value is string => value !== undefined && value !== "",
  );
  const [first] = candidates;
  if (candidates.some((candidate) => candidate !== first)) {
    throw httpError(
      "CP_REQUEST_INVALID",
      "The request presents different API keys (x-api-key, Authorization: Bearer, body apiKey): send one key.",
    );
  }
  return first;
}

function headerKey(request: FastifyRequest): string | undefined {
  const value = request.headers[API_KEY_HEADER];
  return typeof value === "string" ? value.trim() : undefined;
}

function bearerKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization !== "string") return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}
