import { Sec0Error } from "@sec0/core";

/** Options of the control-plane clients. */
export interface ControlPlaneClientOptions {
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * POSTs JSON to the control plane with the Bearer key and a timeout (default 2500 ms) and returns
 * the parsed reply.
 * @throws {Sec0Error} `MIDDLEWARE_CONTROL_PLANE_UNAVAILABLE` when it does not answer, answers
 * non-2xx, or sends something that is not JSON.
 */
export async function postJson(
  options: ControlPlaneClientOptions,
  path: string,
  body: unknown,
): Promise<unknown> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}${path}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.apiKey}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 2500),
    });
  } catch (error) {
    throw new Sec0Error(
      "MIDDLEWARE_CONTROL_PLANE_UNAVAILABLE",
      `The control plane at ${url} did not answer.`,
      {
        cause: error,
        details: { url },
      },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Sec0Error(
      "MIDDLEWARE_CONTROL_PLANE_UNAVAILABLE",
      `The control plane answered ${response.status} to POST ${path}.`,
      { details: { url, status: response.status } },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Sec0Error(
      "MIDDLEWARE_CONTROL_PLANE_UNAVAILABLE",
      `The control plane sent non-JSON to POST ${path}.`,
      {
        cause: error,
        details: { url },
      },
    );
  }
}
