import { readBodyLimited } from "../http/read-body-limited.js";
import type { ResolvedControlPlaneClientOptions } from "./control-plane-client-options.js";
import { type ControlPlaneFailure, controlPlaneError, isRetryableFailure } from "./control-plane-error.js";
import { type ControlPlaneQuery, controlPlaneUrl, redactUrl } from "./control-plane-url.js";

/** One request to the control plane. */
export interface ControlPlaneRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Appended to the base URL (`/api/escalations`); `""` is the base URL itself. */
  readonly path: string;
  readonly query?: ControlPlaneQuery;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Non-2xx statuses that are answers rather than errors (e.g. 304, 404). */
  readonly acceptStatuses?: readonly number[];
  /** Overrides the client's timeout for this request. */
  readonly timeoutMs?: number;
  /** Overrides the client's retry count for this request. */
  readonly retries?: number;
  /**
   * Cancels the request (with the timeout, through `AbortSignal.any`). An abort is never retried:
   * the signal's reason is thrown as is.
   */
  readonly signal?: AbortSignal;
}

/** The control plane's answer: status, headers and the body as text. */
export interface ControlPlaneResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly attempts: number;
}

type Attempt = { response: ControlPlaneResponse } | { failure: ControlPlaneFailure; cause?: unknown };

/**
 * Sends a request with the auth header and a per-attempt timeout, retrying with linear backoff
 * after a network error, a timeout, a 5xx or a 429. A 2xx (or an accepted status) resolves.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_UNAVAILABLE` (no answer) or
 *   `CORE_CONTROL_PLANE_HTTP_ERROR` (another status) after the last attempt.
 * @throws {unknown} `request.signal.reason` (an `AbortError` by default) once the signal aborts.
 * @example
 * const { text } = await sendControlPlaneRequest(resolved, { method: "GET", path: "/api/policy/acme" });
 */
export async function sendControlPlaneRequest(
  options: ResolvedControlPlaneClientOptions,
  request: ControlPlaneRequest,
): Promise<ControlPlaneResponse> {
  const url = controlPlaneUrl(options.baseUrl, request.path, request.query);
  const init = buildInit(options, request);
  const retries = request.retries ?? options.retries;
  const timeoutMs = request.timeoutMs ?? options.timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    request.signal?.throwIfAborted();
    const result = await attemptOnce(options, url, init, timeoutMs, request, attempt);
    if ("response" in result) return result.response;
    if (attempt > retries || !isRetryableFailure(result.failure))
      throw controlPlaneError(result.failure, result.cause);
    if (options.retryBackoffMs > 0) await options.sleep(options.retryBackoffMs * attempt);
  }
}

function buildInit(options: ResolvedControlPlaneClientOptions, request: ControlPlaneRequest): RequestInit {
  const headers: Record<string, string> = {
    accept: "application/json",
    ...options.headers,
    ...request.headers,
    ...(request.body === undefined ? {} : { "content-type": "application/json" }),
    ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
  };
  return {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  };
}

async function attemptOnce(
  options: ResolvedControlPlaneClientOptions,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  request: ControlPlaneRequest,
  attempts: number,
): Promise<Attempt> {
  const where = { url: redactUrl(url), method: request.method, attempts };
  let response: Response;
  let text: string;
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
    response = await options.fetch(url, { ...init, signal });
    if (!(response.ok || (request.acceptStatuses ?? []).includes(response.status))) {
      // The body of a refusal is never read (nor kept): only its status is reported.
      await response.body?.cancel().catch(() => undefined);
      return { failure: { ...where, kind: "http", status: response.status } };
    }
    // Bounded: a hostile or broken server cannot make the client buffer more than the limit.
    const body = await readBodyLimited(response, options.maxResponseBytes);
    if (!body.ok)
      return { failure: { ...where, kind: "too_large", status: response.status, maxBytes: body.maxBytes } };
    text = new TextDecoder().decode(body.bytes);
  } catch (error) {
    request.signal?.throwIfAborted();
    const name = (error as { name?: unknown } | null)?.name;
    const kind = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
    return { failure: { ...where, kind }, cause: error };
  }
  return { response: { status: response.status, headers: response.headers, text, attempts } };
}
