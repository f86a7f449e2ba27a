import { readBodyLimited } from "@sec0/core";
import type { DidResolutionProblem } from "./did-resolution.js";

/** The subset of `fetch` the did:web resolver uses; inject one in tests. */
export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; redirect: "error"; headers: Record<string, string> },
) => Promise<Response>;

/** Limits of one did:web document fetch. */
export interface FetchDidDocumentOptions {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** Body text of the document, or why it could not be read. */
export type FetchedDocument =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: DidResolutionProblem; readonly message: string };

/**
 * GETs a DID document with a deadline over the whole exchange (headers and body), no redirects, and
 * a byte limit enforced while streaming, so a slow or huge answer cannot hold the gateway.
 */
export async function fetchDidDocument(
  url: string,
  options: FetchDidDocumentOptions,
): Promise<FetchedDocument> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<FetchedDocument>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        ok: false,
        problem: "timeout",
        message: `The DID document did not arrive within ${options.timeoutMs} ms.`,
      });
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([download(url, options, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function download(
  url: string,
  options: FetchDidDocumentOptions,
  signal: AbortSignal,
): Promise<FetchedDocument> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      signal,
      redirect: "error",
      headers: { accept: "application/did+json, application/json" },
    });
  } catch {
    return { ok: false, problem: "fetch_failed", message: "The DID document could not be fetched." };
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, problem: "fetch_failed", message: `The DID host answered ${response.status}.` };
  }
  try {
    const body = await readBodyLimited(response, options.maxBytes);
    return body.ok ? { ok: true, text: new TextDecoder().decode(body.bytes) } : tooLarge(options.maxBytes);
  } catch {
    return { ok: false, problem: "fetch_failed", message: "The DID document could not be read." };
  }
}

function tooLarge(maxBytes: number): FetchedDocument {
  return {
    ok: false,
    problem: "document_too_large",
    message: `The DID document is larger than ${maxBytes} bytes.`,
  };
}
