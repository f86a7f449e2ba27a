import { isIP } from "node:net";
import { Sec0Error } from "@sec0/core";

/** How the proxy serves Streamable HTTP, and the limits it holds every client to. */
export interface HttpProxyOptions {
  /** Port to bind (0 picks a free one). */
  readonly port: number;
  /** Address to bind (default 127.0.0.1). Anything but loopback needs `token`. */
  readonly host?: string;
  /**
   * Every request must carry `Authorization: Bearer <token>` (compared in constant time); at least
   * 16 characters. Required when `host` is not a loopback address.
   */
  readonly token?: string;
  /** Sessions open at once, each with its own child process (default 8); past it, 503. */
  readonly maxSessions?: number;
  /**
   * A session that sent no message (POST) for this long, none in flight, is closed and its child
   * killed (default 300000 ms); an open GET stream does not keep it alive.
   */
  readonly idleTimeoutMs?: number;
  /** Largest request body, in bytes (default 4 MiB); past it, 413. */
  readonly maxBodyBytes?: number;
  /** POST requests one session may have in flight (default 16); past it, 429. */
  readonly maxInFlightPerSession?: number;
}

/** The defaults of {@link HttpProxyOptions}. */
export const HTTP_PROXY_DEFAULTS = {
  host: "127.0.0.1",
  maxSessions: 8,
  idleTimeoutMs: 300_000,
  maxBodyBytes: 4 * 1024 * 1024,
  maxInFlightPerSession: 16,
} as const;

/** Shortest bearer token accepted. */
export const MIN_PROXY_TOKEN_LENGTH = 16;

/** {@link HttpProxyOptions} with every default filled in and every value checked. */
export type ResolvedHttpProxyOptions = Required<Omit<HttpProxyOptions, "token">> & {
  readonly token: string | undefined;
};

/**
 * Fills in the defaults and checks the values, before anything is bound or spawned.
 *
 * @throws {Sec0Error} `MIDDLEWARE_PROXY_OPTIONS_INVALID` for a limit that is not a positive whole
 *   number or a token that is too short or has whitespace; `MIDDLEWARE_PROXY_TOKEN_REQUIRED` for a
 *   non-loopback `host` without a token.
 * @example
 * const limits = resolveHttpProxyOptions({ port: 0, maxSessions: 4 });
 */
export function resolveHttpProxyOptions(http: HttpProxyOptions): ResolvedHttpProxyOptions {
  const resolved: ResolvedHttpProxyOptions = {
    port: http.port,
    host: http.host ?? HTTP_PROXY_DEFAULTS.host,
    token: http.token,
    maxSessions: positive("maxSessions", http.maxSessions ?? HTTP_PROXY_DEFAULTS.maxSessions),
    idleTimeoutMs: positive("idleTimeoutMs", http.idleTimeoutMs ?? HTTP_PROXY_DEFAULTS.idleTimeoutMs),
    maxBodyBytes: positive("maxBodyBytes", http.maxBodyBytes ?? HTTP_PROXY_DEFAULTS.maxBodyBytes),
    maxInFlightPerSession: positive(
      "maxInFlightPerSession",
      http.maxInFlightPerSession ?? HTTP_PROXY_DEFAULTS.maxInFlightPerSession,
    ),
  };
  if (http.token !== undefined && (http.token.length < MIN_PROXY_TOKEN_LENGTH || /\s/.test(http.token))) {
    throw new Sec0Error(
      "MIDDLEWARE_PROXY_OPTIONS_INVALID",
      `The proxy's bearer token must be at least ${MIN_PROXY_TOKEN_LENGTH} characters without whitespace; generate one with: openssl rand -hex 32`,
      { details: { field: "token", length: http.token.length } },
    );
  }
  if (http.token === undefined && !isLoopbackHost(resolved.host)) {
    throw new Sec0Error(
      "MIDDLEWARE_PROXY_TOKEN_REQUIRED",
      `Refusing to serve the MCP proxy on ${resolved.host} without a bearer token: anyone who can reach it could start MCP server processes and call their tools. Set a token (sec0 mcp proxy: SEC0_PROXY_TOKEN or --token env://NAME) or bind 127.0.0.1.`,
      { details: { host: resolved.host } },
    );
  }
  return resolved;
}

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1" || /^::ffff:127\./i.test(bare);
  return false;
}

function positive(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Sec0Error(
      "MIDDLEWARE_PROXY_OPTIONS_INVALID",
      `The proxy's ${field} must be a whole number ≥ 1; got ${String(value)}.`,
      { details: { field, value: String(value) } },
    );
  }
  return value;
}
