import type { IdempotencyStore, QuotaStore } from "@sec0/core";
import { InMemoryAdapter, RedisAdapter } from "@sec0/gateway";
import { createMemoryIdempotencyStore } from "@sec0/guard";
import { checkRedisReady, createRedisClient, createRedisIdempotencyStore } from "@sec0/guard/redis";
import type { GatewayAppConfig } from "./config/gateway-app-config.js";

/** Where quotas and idempotency records live, what `/readyz` asks of them, and how to let go. */
export interface ServiceStores {
  readonly mode: "redis" | "memory";
  readonly quota: QuotaStore;
  readonly idempotency: IdempotencyStore;
  readonly readiness: Readonly<Record<string, () => Promise<unknown>>>;
  /** Closes the Redis connection (after the server drained); nothing in memory mode. */
  close(): Promise<void>;
}

/**
 * Builds the stores: with `REDIS_URL`, one shared ioredis client behind a `RedisAdapter` (prefix
 * `<redis.prefix>q:`) and the Redis idempotency store (`<redis.prefix>i:`), and a `redis`
 * readiness check (`PING` within 500 ms); without it, both in this process.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for a URL ioredis cannot use (loadConfig checks it first).
 */
export function createStores(config: GatewayAppConfig): ServiceStores {
  const url = config.redis.url;
  if (url === undefined) {
    return {
      mode: "memory",
      quota: new InMemoryAdapter(),
      idempotency: createMemoryIdempotencyStore(),
      readiness: {},
      close: async () => undefined,
    };
  }
  const client = createRedisClient(url);
  const { prefix } = config.redis;
  const idempotency = createRedisIdempotencyStore({ client, prefix: `${prefix}i:` });
  return {
    mode: "redis",
    quota: new RedisAdapter(client, { prefix: `${prefix}q:` }),
    idempotency,
    readiness: {
      redis: async () => {
        const answer = await checkRedisReady(client);
        if (!answer.ready) throw Object.assign(new Error(answer.message), { name: `redis ${answer.reason}` });
        return answer;
      },
    },
    close: async () => {
      await idempotency.close();
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
