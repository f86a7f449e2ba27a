import type { FastifyRequest } from "fastify";
import { apiKeyHeaderOf, bearerKeyOf } from "../auth/authenticate.js";
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
  const candidates = [apiKeyHeaderOf(request)?.trim(), bearerKeyOf(request), bodyKey].filter(
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
