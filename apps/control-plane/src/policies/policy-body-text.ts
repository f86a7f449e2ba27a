import { httpError } from "../errors.js";

/**
 * The policy text of a request body: a text/yaml body (read as a string), or `{ "yaml": "…" }`
 * as JSON.
 *
 * @throws {ControlPlaneHttpError} `CP_BODY_INVALID` (400) for any other body.
 * @example
 * policyBodyText({ yaml: "tenant: acme\n" }); // "tenant: acme\n"
 */
export function policyBodyText(body: unknown): string {
  if (typeof body === "string") return body;
  const yaml = (body as { yaml?: unknown } | null | undefined)?.yaml;
  if (typeof yaml === "string") return yaml;
  throw httpError(
    "CP_BODY_INVALID",
    'Send the policy as a text/yaml body (or application/json {"yaml": "…"}).',
  );
}
