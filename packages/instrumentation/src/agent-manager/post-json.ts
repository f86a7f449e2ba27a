import { Sec0Error } from "@sec0/core";

/** What one HTTP hop call needs. */
export interface PostJsonRequest {
  readonly hop: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

const MAX_ERROR_BODY = 2048;

/**
 * POSTs a JSON body with global `fetch` and returns the parsed JSON reply (the text when it is
 * not JSON, `undefined` when empty).
 * @throws {Sec0Error} `INSTRUMENTATION_HOP_UNREACHABLE` when the request fails or times out;
 * `INSTRUMENTATION_HOP_CALL_FAILED` for a non-2xx reply (details.status, details.body).
 * @example
 * await postJson({ hop: "Gw.call", url, headers, body: "{}", timeoutMs: 60_000 });
 */
export async function postJson(request: PostJsonRequest): Promise<unknown> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = (error as { name?: string }).name === "TimeoutError";
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_UNREACHABLE",
      `Hop "${request.hop}": ${urlWithoutQuery(request.url)} ${timedOut ? `did not answer within ${request.timeoutMs} ms` : "could not be reached"}; check that it runs and the URL in sec0.config.yaml.`,
      {
        details: {
          hop: request.hop,
          url: urlWithoutQuery(request.url),
          kind: timedOut ? "timeout" : "network",
        },
        cause: error,
      },
    );
  }
  if (!response.ok) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_CALL_FAILED",
      `Hop "${request.hop}": ${urlWithoutQuery(request.url)} answered ${response.status}; see details.body.`,
      { details: { hop: request.hop, status: response.status, body: text.slice(0, MAX_ERROR_BODY) } },
    );
  }
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function urlWithoutQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? url : url.slice(0, at);
}
