import { Sec0Error } from "@sec0/core";
import {
  type ControlPlaneClient,
  controlPlaneFailureOf,
  type PolicyDocumentQuery,
} from "@sec0/core/control-plane";
import { LineCounter, parseDocument } from "yaml";

/** The control plane's answer for one policy document, with the YAML parsed. */
export type PolicyDocumentResponse =
  | { readonly status: "ok"; readonly document: unknown; readonly etag?: string }
  | { readonly status: "not-modified" }
  | { readonly status: "empty" };

/**
 * `GET` one policy document through the control-plane client (304 → not modified, 404 or an
 * empty body → empty) and parse its YAML; the caller validates it after the scope merge.
 *
 * @throws {Sec0Error} `POLICY_FETCH_FAILED` on a network error, timeout, other status, or YAML
 *   that does not parse (the client's error is the `cause`).
 * @example
 * const reply = await fetchPolicyDocument(client, { tenant: "acme", level: "middleware" }, 5000);
 */
export async function fetchPolicyDocument(
  client: ControlPlaneClient,
  query: PolicyDocumentQuery,
  timeoutMs: number,
): Promise<PolicyDocumentResponse> {
  const url = `${client.baseUrl.replace(/\/+$/, "")}/api/policy/${encodeURIComponent(query.tenant)}`;
  let reply: Awaited<ReturnType<ControlPlaneClient["getPolicy"]>>;
  try {
    reply = await client.getPolicy(query);
  } catch (error) {
    const failure = controlPlaneFailureOf(error);
    if (failure === undefined) throw error;
    const why =
      failure.kind === "timeout"
        ? `no answer within ${timeoutMs} ms`
        : failure.kind === "http"
          ? `HTTP ${failure.status}`
          : failure.kind === "too_large"
            ? `the reply is larger than ${failure.maxBytes} bytes`
            : `the control plane could not be reached (${failure.kind})`;
    throw failed(failure.url, why, error);
  }
  if (reply.status !== "ok") return reply;
  const doc = parseDocument(reply.yaml, { lineCounter: new LineCounter(), prettyErrors: false });
  if (doc.errors.length > 0) throw failed(url, `the YAML does not parse: ${doc.errors[0]?.message ?? ""}`);
  return { status: "ok", document: doc.toJS(), ...(reply.etag === undefined ? {} : { etag: reply.etag }) };
}

function failed(url: string, why: string, cause?: unknown): Sec0Error {
  return new Sec0Error("POLICY_FETCH_FAILED", `Fetching the policy from ${url} failed: ${why}.`, {
    details: { url },
    ...(cause === undefined ? {} : { cause }),
  });
}
