import { Sec0Error } from "../errors.js";

/** How to reach the control plane; every caller of the control plane is configured with these. */
export interface ControlPlaneClientOptions {
  /** e.g. `https://api.sec0.ai`; a path prefix is kept. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string | undefined;
  /** Sent verbatim as `Authorization` (e.g. `Bearer sec0_…` as configured); wins over `apiKey`. */
  readonly authorization?: string | undefined;
  /** Per attempt, in ms (default 5000). */
  readonly timeoutMs?: number | undefined;
  /** Retries after a network error, a timeout, a 5xx or a 429 (default 0). */
  readonly retries?: number | undefined;
  /** Largest reply body read, in bytes (default 8 MiB); a larger one is `CORE_CONTROL_PLANE_INVALID_REPLY`. */
  readonly maxResponseBytes?: number | undefined;
  /** Linear backoff step: the n-th retry waits n × step ms (default 150). */
  readonly retryBackoffMs?: number | undefined;
  /** Waits between retries (default a timer); inject to test backoff without waiting. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch | undefined;
  /** Sent with every request (the client's own `authorization` and `content-type` win). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** {@link ControlPlaneClientOptions} with every default applied. */
export interface ResolvedControlPlaneClientOptions {
  readonly baseUrl: string;
  readonly authorization: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxResponseBytes: number;
  readonly retryBackoffMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly fetch: typeof fetch;
  readonly headers: Readonly<Record<string, string>>;
}

/** Defaults of the control-plane client. */
export const CONTROL_PLANE_CLIENT_DEFAULTS = Object.freeze({
  timeoutMs: 5000,
  retries: 0,
  retryBackoffMs: 150,
  maxResponseBytes: 8 * 1024 * 1024,
});

/**
 * Applies the defaults and checks the numbers.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_CONFIG_INVALID` for a timeout that is not a positive
 *   number, or a negative retry count or backoff; `details.field` names it.
 * @example
 * resolveControlPlaneClientOptions({ baseUrl: "https://api.sec0.ai", apiKey: "sec0_…" }).timeoutMs; // 5000
 */
export function resolveControlPlaneClientOptions(
  options: ControlPlaneClientOptions,
): ResolvedControlPlaneClientOptions {
  const timeoutMs = options.timeoutMs ?? CONTROL_PLANE_CLIENT_DEFAULTS.timeoutMs;
  const retries = options.retries ?? CONTROL_PLANE_CLIENT_DEFAULTS.retries;
  const retryBackoffMs = options.retryBackoffMs ?? CONTROL_PLANE_CLIENT_DEFAULTS.retryBackoffMs;
  const maxResponseBytes = options.maxResponseBytes ?? CONTROL_PLANE_CLIENT_DEFAULTS.maxResponseBytes;
  check("timeoutMs", Number.isFinite(timeoutMs) && timeoutMs > 0, "a positive number of ms");
  check("retries", Number.isInteger(retries) && retries >= 0, "a whole number ≥ 0");
  check("retryBackoffMs", Number.isFinite(retryBackoffMs) && retryBackoffMs >= 0, "a number of ms ≥ 0");
  check(
    "maxResponseBytes",
    Number.isInteger(maxResponseBytes) && maxResponseBytes > 0,
    "a whole number of bytes > 0",
  );
  const authorization =
    options.authorization ?? (options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`);
  return {
    baseUrl: options.baseUrl,
    authorization,
    timeoutMs,
    retries,
    retryBackoffMs,
    maxResponseBytes,
    sleep: options.sleep ?? defaultSleep,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: options.headers ?? {},
  };
}

function check(field: string, ok: boolean, expected: string): void {
  if (!ok) {
    throw new Sec0Error(
      "CORE_CONTROL_PLANE_CONFIG_INVALID",
      `Control-plane client option ${field} must be ${expected}.`,
      { details: { field } },
    );
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
