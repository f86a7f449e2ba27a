import type { PolicyLevel } from "../contracts/control-plane.js";
import type { ResolvedControlPlaneClientOptions } from "./control-plane-client-options.js";
import { sendControlPlaneRequest } from "./send-control-plane-request.js";

/** Which policy document to `GET`, and the ETag of the copy already held. */
export interface PolicyDocumentQuery {
  readonly tenant: string;
  readonly level?: PolicyLevel;
  /** The agent node; absent = the base policy. */
  readonly nodeId?: string;
  /** Sent as `If-None-Match`. */
  readonly etag?: string;
}

/** The control plane's answer for one policy document; the YAML is parsed by the caller. */
export type PolicyDocumentReply =
  | { readonly status: "ok"; readonly yaml: string; readonly etag?: string }
  | { readonly status: "not-modified" }
  | { readonly status: "empty" };

/** `Accept` of policy requests: the body is YAML text. */
const POLICY_ACCEPT = "application/yaml, text/yaml;q=0.9, */*;q=0.1";

/**
 * `GET /api/policy/{tenant}?level=&nodeId=` with `If-None-Match`: 304 → `not-modified`, 404 or
 * an empty body → `empty`, 2xx → the YAML text and its ETag.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_UNAVAILABLE`, `CORE_CONTROL_PLANE_HTTP_ERROR`.
 * @example
 * const reply = await getPolicyDocument(resolved, { tenant: "acme", level: "middleware", etag });
 */
export async function getPolicyDocument(
  options: ResolvedControlPlaneClientOptions,
  query: PolicyDocumentQuery,
): Promise<PolicyDocumentReply> {
  const response = await sendControlPlaneRequest(options, {
    method: "GET",
    path: `/api/policy/${encodeURIComponent(query.tenant)}`,
    query: { level: query.level ?? "middleware", nodeId: query.nodeId },
    headers: {
      accept: POLICY_ACCEPT,
      ...(query.etag === undefined ? {} : { "if-none-match": query.etag }),
    },
    acceptStatuses: [304, 404],
  });
  if (response.status === 304) return { status: "not-modified" };
  if (response.status === 404 || response.text.trim().length === 0) return { status: "empty" };
  const etag = response.headers.get("etag") ?? undefined;
  return { status: "ok", yaml: response.text, ...(etag === undefined ? {} : { etag }) };
}
