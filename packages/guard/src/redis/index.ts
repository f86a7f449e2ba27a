// The Redis adapters of @sec0/guard (`@sec0/guard/redis`), listed by name. Needs the optional peer
// dependency ioredis.

export {
  checkRedisReady,
  createRedisClient,
  REDIS_CLIENT_DEFAULTS,
  type RedisReadiness,
} from "./create-redis-client.js";
export {
  createRedisIdempotencyStore,
  type RedisIdempotencyStore,
  type RedisIdempotencyStoreOptions,
} from "./redis-idempotency-store.js";
export { createRedisQuotaStore, type RedisQuotaStoreOptions } from "./redis-quota-store.js";
