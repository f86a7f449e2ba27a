import { Sec0Error } from "@sec0/core";
import { RUNTIME_EVALUATE_PATH } from "@sec0/core/contracts";

/** Where runtime decisions are made: in process, or by a remote runtime service. */
export type RuntimeMode = "local" | "remote";

/**
 * What a remote decision becomes when the service cannot answer: the local decision, allow
 * (fail open) or deny (fail closed).
 */
export type RuntimeFailureMode = "local" | "allow" | "deny";

/** Runtime settings as a user writes them (0.2.3's `RuntimeAdapterConfig`); all optional. */
export interface RuntimeConfigInput {
  readonly mode?: RuntimeMode | undefined;
  readonly failureMode?: RuntimeFailureMode | undefined;
  readonly remote?:
    | {
        /** The evaluate URL, or a base URL to which `/v1/runtime/evaluate` is appended. */
        readonly endpoint?: string | undefined;
        /** Alias of `endpoint`. */
        readonly url?: string | undefined;
        readonly apiKey?: string | undefined;
        readonly timeoutMs?: number | undefined;
        readonly maxRetries?: number | undefined;
        readonly retryBackoffMs?: number | undefined;
        readonly headers?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
}

/** Resolved runtime settings. */
export interface RuntimeConfig {
  readonly mode: RuntimeMode;
  readonly failureMode: RuntimeFailureMode;
  /** Full URL of `POST /v1/runtime/evaluate`; set when `mode` is `remote`. */
  readonly endpoint: string | undefined;
  /** `Bearer <key>`, when an API key is configured. */
  readonly authorization: string | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** Defaults of the remote runtime (0.2.3's values). */
export const RUNTIME_DEFAULTS = Object.freeze({
  mode: "local" as RuntimeMode,
  failureMode: "local" as RuntimeFailureMode,
  timeoutMs: 1500,
  maxRetries: 1,
  retryBackoffMs: 150,
});

/**
 * Resolves runtime settings: each field from `config`, else the environment (`SEC0_RUNTIME_MODE`,
 * `SEC0_RUNTIME_FAILURE_MODE`, `SEC0_RUNTIME_REMOTE_URL`, `SEC0_RUNTIME_TIMEOUT_MS`,
 * `SEC0_RUNTIME_MAX_RETRIES`, `SEC0_RUNTIME_RETRY_BACKOFF_MS`, `SEC0_RUNTIME_API_KEY`), else
 * {@link RUNTIME_DEFAULTS}. `env` is passed in; this function never reads `process.env`.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unknown mode, a bad number or URL, or
 * remote mode without an endpoint; the message names the field or variable.
 * @example
 * resolveRuntimeConfig({ failureMode: "deny" }, { SEC0_RUNTIME_MODE: "remote", SEC0_RUNTIME_REMOTE_URL: "https://rt.example" });
 */
export function resolveRuntimeConfig(
  config: RuntimeConfigInput = {},
  env: Readonly<Record<string, string | undefined>> = {},
): RuntimeConfig {
  const remote = config.remote ?? {};
  const mode = pickEnum(
    "mode",
    config.mode,
    "SEC0_RUNTIME_MODE",
    env,
    ["local", "remote"],
    RUNTIME_DEFAULTS.mode,
  );
  const failureMode = pickEnum(
    "failureMode",
    config.failureMode,
    "SEC0_RUNTIME_FAILURE_MODE",
    env,
    ["local", "allow", "deny"],
    RUNTIME_DEFAULTS.failureMode,
  );
  const rawEndpoint =
    nonBlank(remote.endpoint) ?? nonBlank(remote.url) ?? nonBlank(env.SEC0_RUNTIME_REMOTE_URL);
  if (mode === "remote" && rawEndpoint === undefined) {
    throw invalid(
      "remote.endpoint",
      "Runtime mode is remote but no endpoint is set; set remote.endpoint or SEC0_RUNTIME_REMOTE_URL",
    );
  }
  const apiKey = nonBlank(remote.apiKey) ?? nonBlank(env.SEC0_RUNTIME_API_KEY);
  return {
    mode,
    failureMode,
    endpoint: rawEndpoint === undefined ? undefined : evaluateUrl(rawEndpoint),
    authorization: apiKey === undefined ? undefined : /^bearer\s/i.test(apiKey) ? apiKey : `Bearer ${apiKey}`,
    timeoutMs: pickNumber(
      "remote.timeoutMs",
      remote.timeoutMs,
      "SEC0_RUNTIME_TIMEOUT_MS",
      env,
      1,
      600_000,
      RUNTIME_DEFAULTS.timeoutMs,
    ),
    maxRetries: pickNumber(
      "remote.maxRetries",
      remote.maxRetries,
      "SEC0_RUNTIME_MAX_RETRIES",
      env,
      0,
      10,
      RUNTIME_DEFAULTS.maxRetries,
    ),
    retryBackoffMs: pickNumber(
      "remote.retryBackoffMs",
      remote.retryBackoffMs,
      "SEC0_RUNTIME_RETRY_BACKOFF_MS",
      env,
      0,
      60_000,
      RUNTIME_DEFAULTS.retryBackoffMs,
    ),
    headers: { ...remote.headers },
  };
}

function evaluateUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid("remote.endpoint", `Runtime endpoint "${raw}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid("remote.endpoint", "Runtime endpoint must be an http or https URL");
  }
  // A bare origin means the standard path.
  if (url.pathname === "/" || url.pathname === "") url.pathname = RUNTIME_EVALUATE_PATH;
  return url.toString();
}

function pickEnum<T extends string>(
  field: string,
  value: T | undefined,
  variable: string,
  env: Readonly<Record<string, string | undefined>>,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value !== undefined) {
    if (!allowed.includes(value))
      throw invalid(field, `${field} must be one of ${allowed.join(", ")}; got "${value}"`);
    return value;
  }
  const text = nonBlank(env[variable])?.toLowerCase();
  if (text === undefined) return fallback;
  if (!allowed.includes(text as T)) {
    throw invalid(variable, `${variable} must be one of ${allowed.join(", ")}; got "${text}"`);
  }
  return text as T;
}

function pickNumber(
  field: string,
  value: number | undefined,
  variable: string,
  env: Readonly<Record<string, string | undefined>>,
  min: number,
  max: number,
  fallback: number,
): number {
  const fromEnv = nonBlank(env[variable]);
  const source = value !== undefined ? field : fromEnv !== undefined ? variable : undefined;
  if (source === undefined) return fallback;
  const number = value ?? (/^\d+$/.test(fromEnv!) ? Number(fromEnv) : Number.NaN);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalid(
      source,
      `${source} must be a whole number from ${min} to ${max}; got "${String(value ?? fromEnv)}"`,
    );
  }
  return number;
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

function invalid(field: string, message: string): Sec0Error {
  return new Sec0Error("GUARD_CONFIG_INVALID", `${message}.`, { details: { field } });
}
