import { Sec0Error } from "@sec0/core";
import { Redis, type RedisOptions } from "ioredis";

/** Defaults of {@link createRedisClient}: bounded everywhere, so a dead Redis never hangs a caller. */
export const REDIS_CLIENT_DEFAULTS = {
  /** Milliseconds to open a connection. */
  connectTimeout: 2000,
  /** Milliseconds a command may take before it rejects (covers a Redis that accepts but never answers). */
  commandTimeout: 1000,
  /** Reconnections a queued command waits through before it rejects. */
  maxRetriesPerRequest: 1,
  /** Longest pause between reconnection attempts, in ms. */
  maxReconnectDelayMs: 1000,
} as const;

/**
 * Creates the one ioredis client a process shares between its Redis stores: auto-pipelining on,
 * bounded connect and command timeouts, one retry per command, and reconnection with capped
 * backoff (commands issued while disconnected wait in a queue bounded by those limits). `options`
 * override the defaults; close it with `client.quit()`.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for a URL that is not `redis://` or `rediss://`.
 * @example
 * const client = createRedisClient(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
 * const quotas = createRedisQuotaStore({ client });
 */
export function createRedisClient(target: string | RedisOptions, options: RedisOptions = {}): Redis {
  const defaults: RedisOptions = {
    enableAutoPipelining: true,
    connectTimeout: REDIS_CLIENT_DEFAULTS.connectTimeout,
    commandTimeout: REDIS_CLIENT_DEFAULTS.commandTimeout,
    maxRetriesPerRequest: REDIS_CLIENT_DEFAULTS.maxRetriesPerRequest,
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** Math.min(attempt, 10), REDIS_CLIENT_DEFAULTS.maxReconnectDelayMs),
  };
  if (typeof target === "string" && !/^rediss?:\/\//.test(target)) {
    throw new Sec0Error(
      "GUARD_CONFIG_INVALID",
      "createRedisClient needs a redis:// or rediss:// URL (or ioredis options).",
      {
        details: { field: "url" },
      },
    );
  }
  const client =
    typeof target === "string"
      ? new Redis(target, { ...defaults, ...options })
      : new Redis({ ...defaults, ...target, ...options });
  // ioredis reports connection errors as events; without a listener Node prints each one. Callers
  // that log add their own listener; the stores report failures as GUARD_REDIS_UNAVAILABLE.
  client.on("error", () => undefined);
  return client;
}

/** Answer of {@link checkRedisReady}. */
export type RedisReadiness =
  | { readonly ready: true; readonly latencyMs: number }
  | { readonly ready: false; readonly reason: "timeout" | "error"; readonly message: string };

/**
 * Pings Redis within `timeoutMs` (default 500) for a readiness probe; it never rejects and never
 * waits longer. The message of a failure holds the driver's error text, never credentials.
 *
 * @example
 * const readiness = await checkRedisReady(client);
 * reply.code(readiness.ready ? 200 : 503).send(readiness);
 */
export async function checkRedisReady(client: Pick<Redis, "ping">, timeoutMs = 500): Promise<RedisReadiness> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<RedisReadiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: "timeout", message: `no PONG within ${timeoutMs} ms` }),
      timeoutMs,
    );
    timer.unref?.();
  });
  const ping = client.ping().then(
    (): RedisReadiness => ({ ready: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 }),
    (error: unknown): RedisReadiness => ({
      ready: false,
      reason: "error",
      message: redactUrl(String((error as Error)?.message ?? error)),
    }),
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Drops a password from any `redis://user:password@host` in `text`. */
function redactUrl(text: string): string {
  return text.replace(/(rediss?:\/\/[^:@/\s]*:)[^@\s]*@/g, "$1***@");
}
