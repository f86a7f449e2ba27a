import { Sec0Error } from "@sec0/core";
import { LineCounter, parseDocument } from "yaml";

/** The control plane's answer for one policy document. */
export type PolicyDocumentResponse =
  | { readonly status: "ok"; readonly document: unknown; readonly etag?: string }
  | { readonly status: "not-modified" }
  | { readonly status: "empty" };

/** What {@link fetchPolicyDocument} needs. */
export interface PolicyDocumentRequest {
  readonly url: string;
  readonly apiKey?: string;
  readonly etag?: string;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

/**
 * `GET` one policy document (YAML) with `If-None-Match`; 304 → not modified, 404 or an empty body
 * → empty. The document is parsed as YAML here and validated by the caller after scope merge.
 *
 * @throws {Sec0Error} `POLICY_FETCH_FAILED` on a network error, timeout, other status, or YAML
 *   that does not parse.
 */
export async function fetchPolicyDocument(request: PolicyDocumentRequest): Promise<PolicyDocumentResponse> {
  const headers: Record<string, string> = { accept: "application/yaml, text/yaml;q=0.9, */*;q=0.1" };
  if (request.apiKey !== undefined) headers.authorization = `Bearer ${request.apiKey}`;
  if (request.etag !== undefined) headers["if-none-match"] = request.etag;
  let response: Response;
  try {
    response = await request.fetch(request.url, { headers, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    const timedOut = (error as Error)?.name === "TimeoutError";
    throw failed(
      request.url,
      timedOut ? `no answer within ${request.timeoutMs} ms` : (error as Error).message,
      error,
    );
  }
  if (response.status === 304) return { status: "not-modified" };
  if (response.status === 404) return { status: "empty" };
  const body = await response.text().catch(() => "");
  if (!response.ok) throw failed(request.url, `HTTP ${response.status}`);
  if (body.trim().length === 0) return { status: "empty" };
  const doc = parseDocument(body, { lineCounter: new LineCounter(), prettyErrors: false });
  if (doc.errors.length > 0)
    throw failed(request.url, `the YAML does not parse: ${doc.errors[0]?.message ?? ""}`);
  const etag = response.headers.get("etag") ?? undefined;
  return { status: "ok", document: doc.toJS(), ...(etag === undefined ? {} : { etag }) };
}

function failed(url: string, why: string, cause?: unknown): Sec0Error {
  return new Sec0Error("POLICY_FETCH_FAILED", `Fetching the policy from ${url} failed: ${why}.`, {
    details: { url: url.replace(/[?].*$/, "") },
    ...(cause === undefined ? {} : { cause }),
  });
}
