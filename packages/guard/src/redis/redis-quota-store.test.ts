import { isSec0Error, type QuotaStore } from "@sec0/core";
import { describeQuotaStoreContract } from "@sec0/testkit/quota-store-contract";
import { deleteKeys, probeSharedRedis, SHARED_REDIS_URL, sleep, testPrefix } from "@sec0/testkit/redis";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisClient } from "./create-redis-client.js";
import { createRedisQuotaStore } from "./redis-quota-store.js";

const unreachable = await probeSharedRedis("redis-quota-store.test.ts");
const prefix = testPrefix("quota");

describe.skipIf(unreachable !== undefined)("createRedisQuotaStore (shared Redis)", () => {
  let client: Redis;
  let stores = 0;
  beforeAll(() => {
    client = createRedisClient(SHARED_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.quit();
  });

  describeQuotaStoreContract("redis", () => ({
    store: createRedisQuotaStore({ client, prefix: `${prefix}${++stores}:` }),
    pass: (ms) => sleep(ms + 15),
    now: () => Date.now(),
    isFixedClock: false,
  }));

  it("lets every bucket expire by itself once it is full again and its day is over", async () => {
    const store = createRedisQuotaStore({ client, prefix: `${prefix}ttl:` });
    await store.consume([
      { key: "rate", ratePerSec: 10, burst: 3 },
      { key: "day", perDay: 5 },
    ]);
    const rateTtl = await client.pttl(`${prefix}ttl:rate`);
    expect(rateTtl).toBeGreaterThan(0);
    expect(rateTtl).toBeLessThanOrEqual(101); // PEXPIREAT rounds the sub-ms arrival time up
    const dayTtl = await client.pttl(`${prefix}ttl:day`);
    const midnight = (Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000;
    expect(Math.abs(dayTtl - (midnight - Date.now()))).toBeLessThan(1000);
  });

  it("shares buckets between two clients (two replicas)", async () => {
    const other = createRedisClient(SHARED_REDIS_URL);
    try {
      const one: QuotaStore = createRedisQuotaStore({ client, prefix: `${prefix}replicas:` });
      const two: QuotaStore = createRedisQuotaStore({ client: other, prefix: `${prefix}replicas:` });
      const rule = [{ key: "k", ratePerSec: 1, burst: 30 }];
      const verdicts = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? one : two).consume(rule)),
      );
      expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(30);
    } finally {
      await other.quit();
    }
  });

  it("reloads its script after SCRIPT FLUSH (a Redis restart)", async () => {
    const store = createRedisQuotaStore({ client, prefix: `${prefix}flush:` });
    expect((await store.consume([{ key: "k", perDay: 2 }])).allowed).toBe(true);
    await client.script("FLUSH");
    expect(await store.consume([{ key: "k", perDay: 2 }])).toMatchObject({
      allowed: true,
      daily: { remaining: 0 },
    });
  });

  it("rejects a bad rule without asking Redis", async () => {
    const store = createRedisQuotaStore({ client, prefix: `${prefix}bad:` });
    const error = await store.consume([{ key: "k", ratePerSec: -1 }]).catch((caught: unknown) => caught);
    expect(isSec0Error(error, "GUARD_QUOTA_RULE_INVALID")).toBe(true);
  });
});
