import { ApiError, apiErrorOf } from "./api-error.js";
import { isAbort } from "./is-abort.js";

/** Query parameters: `undefined` and `""` are left out. */
export type QueryParams = Readonly<Record<string, string | number | undefined>>;

/** One request to the control plane. */
export interface ApiRequest {
  readonly method?: "GET" | "POST" | "PUT" | "DELETE";
  readonly path: string;
  readonly query?: QueryParams;
  /** Sent as JSON unless `contentType` says otherwise (then it must be a string). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** The one HTTP layer of the console: every call sends the key as `Authorization: Bearer`. */
export interface ApiClient {
  /** The parsed JSON reply. @throws {ApiError} on any non-2xx reply or network failure. */
  json<T>(request: ApiRequest): Promise<T>;
  /** The raw response of a 2xx reply (text, headers, blobs). @throws {ApiError} otherwise. */
  raw(request: ApiRequest): Promise<Response>;
}

/** What {@link createApiClient} needs. */
export interface ApiClientOptions {
  readonly apiKey: string;
  /** Called once per reply that says the key is not valid (401), before the error is thrown. */
  readonly onUnauthenticated?: (error: ApiError) => void;
  readonly fetch?: typeof fetch;
  /** Origin-relative by default: the console is served by the control plane it calls. */
  readonly baseUrl?: string;
}

/** The path and query string of a request (`undefined` and empty values left out). */
export function urlOf(path: string, query: QueryParams | undefined, baseUrl = ""): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return `${baseUrl}${path}${text === "" ? "" : `?${text}`}`;
}

/**
 * Creates the client for one API key.
 *
 * @example
 * const api = createApiClient({ apiKey });
 * const me = await api.json<TenantMe>({ path: "/api/tenants/me" });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const raw = async (request: ApiRequest): Promise<Response> => {
    const headers: Record<string, string> = {
      accept: "application/json, application/problem+json, text/yaml;q=0.9, */*;q=0.5",
      authorization: `Bearer ${options.apiKey}`,
      ...request.headers,
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      headers["content-type"] = request.contentType ?? "application/json";
      body = request.contentType === undefined ? JSON.stringify(request.body) : String(request.body);
    }
    let response: Response;
    try {
      response = await doFetch(urlOf(request.path, request.query, options.baseUrl), {
        method: request.method ?? "GET",
        headers,
        body,
        signal: request.signal,
        credentials: "omit",
        cache: "no-store",
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError("CONSOLE_NETWORK", "The control plane could not be reached; try again.", 0);
    }
    if (response.ok) return response;
    const failure = await apiErrorOf(response);
    if (failure.status === 401) options.onUnauthenticated?.(failure);
    throw failure;
  };
  return {
    raw,
    async json<T>(request: ApiRequest): Promise<T> {
      const response = await raw(request);
      try {
        return (await response.json()) as T;
      } catch {
        throw new ApiError("CONSOLE_BAD_REPLY", "The control plane's reply was not JSON.", response.status);
      }
    },
  };
}
