import { isSec0Error } from "@sec0/core";
import { freePort, probeSharedRedis, SHARED_REDIS_URL } from "@sec0/testkit/redis";
import { describe, expect, it } from "vitest";
import { checkRedisReady, createRedisClient, REDIS_CLIENT_DEFAULTS } from "./create-redis-client.js";

const unreachable = await probeSharedRedis("create-redis-client.test.ts");

describe("createRedisClient", () => {
  it("bounds every wait and pipelines automatically", () => {
    const client = createRedisClient("redis://127.0.0.1:1", { lazyConnect: true });
    expect(client.options).toMatchObject({
      enableAutoPipelining: true,
      connectTimeout: REDIS_CLIENT_DEFAULTS.connectTimeout,
      commandTimeout: REDIS_CLIENT_DEFAULTS.commandTimeout,
      maxRetriesPerRequest: 1,
    });
    expect(client.options.retryStrategy?.(100)).toBe(REDIS_CLIENT_DEFAULTS.maxReconnectDelayMs);
    client.disconnect();
  });

  it("rejects a URL that is not redis:// or rediss://", () => {
    try {
      createRedisClient("http://127.0.0.1:6379");
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
    }
  });
});

describe("checkRedisReady", () => {
  it("answers not ready, without rejecting, when nothing listens", async () => {
    const client = createRedisClient(`redis://user:s3cret@127.0.0.1:${await freePort()}`, {
      commandTimeout: 2000,
    });
    const started = performance.now();
    const readiness = await checkRedisReady(client, 300);
    expect(performance.now() - started).toBeLessThan(800);
    expect(readiness.ready).toBe(false);
    expect(JSON.stringify(readiness)).not.toContain("s3cret");
    client.disconnect();
  });

  it.skipIf(unreachable !== undefined)("answers ready with the latency when Redis answers", async () => {
    const client = createRedisClient(SHARED_REDIS_URL);
    const readiness = await checkRedisReady(client);
    expect(readiness).toMatchObject({ ready: true });
    expect(readiness.ready && readiness.latencyMs).toBeGreaterThanOrEqual(0);
    await client.quit();
  });
});
