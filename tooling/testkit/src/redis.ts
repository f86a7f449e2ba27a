// Redis for tests: the shared server of the development and CI machines (probe it, skip saying
// why when it is absent, one key prefix per file) and redis-server children of a test's own to
// kill and freeze mid-run. `@sec0/testkit/redis` (needs ioredis).

export { freePort } from "./free-port.js";
export {
  REDIS_SERVER_BIN,
  type RedisChild,
  redisServerMissing,
  startRedisChild,
} from "./redis-child.js";
export { deleteKeys, probeSharedRedis, SHARED_REDIS_URL, sleep, testPrefix } from "./shared-redis.js";
