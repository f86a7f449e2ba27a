import type { QuotaRule, QuotaStore, QuotaVerdict } from "@sec0/core";
import { createMemoryQuotaStore } from "@sec0/guard";
import { createRedisQuotaStore } from "@sec0/guard/redis";
import type { Redis } from "ioredis";

/**
 * Quotas counted in this process (0.2.3's `InMemoryAdapter`): fine for one gateway; replicas
 * each count their own. Per-second rates are GCRA with burst, daily counts reset at UTC midnight.
 *
 * @example
 * startGatewayServer({ …, quotas: { adapter: new InMemoryAdapter() } });
 */
export class InMemoryAdapter implements QuotaStore {
  readonly #store = createMemoryQuotaStore();

  consume(rules: readonly QuotaRule[]): Promise<QuotaVerdict> {
    return this.#store.consume(rules);
  }
}

/**
 * Quotas shared by every gateway replica through one Redis (0.2.3's `RedisAdapter`, which took
 * an ioredis client): one Lua script per decision, on Redis's clock. Pass the client your
 * process shares (`createRedisClient` from `@sec0/guard/redis`); the adapter does not close it.
 *
 * @example
 * const redis = createRedisClient(process.env.REDIS_URL);
 * startGatewayServer({ …, quotas: { adapter: new RedisAdapter(redis), failMode: "closed" } });
 */
export class RedisAdapter implements QuotaStore {
  readonly #store: QuotaStore;

  constructor(client: Redis, options: { readonly prefix?: string } = {}) {
    this.#store = createRedisQuotaStore({
      client,
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    });
  }

  consume(rules: readonly QuotaRule[]): Promise<QuotaVerdict> {
    return this.#store.consume(rules);
  }
}
