import { createHash } from "node:crypto";
import { isSec0Error } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { claimOf, describeIdempotencyStoreContract } from "@sec0/testkit/idempotency-store-contract";
import { deleteKeys, probeSharedRedis, SHARED_REDIS_URL, sleep, testPrefix } from "@sec0/testkit/redis";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeIdempotently } from "../idempotency/execute-idempotently.js";
import { createRedisClient } from "./create-redis-client.js";
import { createRedisIdempotencyStore, type RedisIdempotencyStore } from "./redis-idempotency-store.js";

const unreachable = await probeSharedRedis("redis-idempotency-store.test.ts");
const prefix = testPrefix("idem");
const HOUR = 3_600_000;

describe.skipIf(unreachable !== undefined)("createRedisIdempotencyStore (shared Redis)", () => {
  let client: Redis;
  let second: Redis;
  let count = 0;
  const opened: RedisIdempotencyStore[] = [];
  const open = (
    options: Omit<Parameters<typeof createRedisIdempotencyStore>[0], "client"> & { client?: Redis },
  ) => {
    const store = createRedisIdempotencyStore({ client, ...options });
    opened.push(store);
    return store;
  };
  beforeAll(() => {
    client = createRedisClient(SHARED_REDIS_URL);
    second = createRedisClient(SHARED_REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await deleteKeys(client, prefix);
    await Promise.all([client.quit(), second.quit()]);
  });

  describeIdempotencyStoreContract("redis", (options) =>
    open({ ...options, prefix: `${prefix}${++count}:` }),
  );

  it("frees the key of a holder that crashed (stopped renewing) after its lease", async () => {
    const where = `${prefix}crash:`;
    const holder = open({ prefix: where, leaseMs: 200, waitMs: 0 });
    const other = open({ prefix: where, leaseMs: 200, waitMs: 0, client: second });
    claimOf(await holder.begin("k", "d"));
    await sleep(400);
    expect(await other.begin("k", "d")).toEqual({ state: "in_flight" }); // still renewed: never lapses
    await holder.close(); // the crash: nobody renews any more
    await sleep(300);
    const taken = claimOf(await other.begin("k", "d"));
    await other.complete(taken, "rerun", { ttlMs: HOUR });
    expect(await holder.begin("k", "d")).toEqual({ state: "replay", result: "rerun" });
  });

  it("frees the capacity slot of a lapsed lease", async () => {
    const holder = open({ prefix: `${prefix}lapse:`, leaseMs: 100, capacity: 1, waitMs: 0 });
    claimOf(await holder.begin("k", "d"));
    await holder.close();
    expect(await holder.begin("j", "d")).toEqual({ state: "full", reason: "idempotency_store_full" });
    await sleep(200);
    expect((await holder.begin("j", "d")).state).toBe("new");
  });

  it("gives exactly one of 50 concurrent duplicates from two clients the claim, and the rest its result", async () => {
    const where = `${prefix}dup:`;
    const stores = [
      open({ prefix: where, waitMs: 3000 }),
      open({ prefix: where, waitMs: 3000, client: second }),
    ];
    let runs = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        executeIdempotently(stores[i % 2]!, { key: "k", args: { a: 1 }, ttlMs: HOUR }, async () => {
          runs += 1;
          await sleep(50);
          return "once";
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((outcome) => outcome.status === "executed")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "replayed")).toHaveLength(49);
  });

  it("answers exactly one new among 50 concurrent begins without waiting", async () => {
    const where = `${prefix}race:`;
    const stores = [open({ prefix: where, waitMs: 0 }), open({ prefix: where, waitMs: 0, client: second })];
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 2]!.begin("k", "d")));
    expect(answers.filter((answer) => answer.state === "new")).toHaveLength(1);
    expect(answers.filter((answer) => answer.state === "in_flight")).toHaveLength(49);
  });

  it("keeps a result in Redis only a grace period past its TTL", async () => {
    const where = `${prefix}gc:`;
    const store = open({ prefix: where, gcGraceMs: 1000, clock: createFixedClock() });
    await store.complete(claimOf(await store.begin("k", "d")), "r", { ttlMs: 5000 });
    const ttl = await client.pttl(`${where}r:${createHash("sha256").update("k").digest("hex")}`);
    expect(ttl).toBeGreaterThan(5000);
    expect(ttl).toBeLessThanOrEqual(6000);
  });

  it("rejects a result JSON cannot hold, and a bad ttlMs", async () => {
    const store = open({ prefix: `${prefix}json:` });
    const claim = claimOf(await store.begin("k", "d"));
    const error = await store.complete(claim, { n: 1n }, { ttlMs: HOUR }).catch((caught: unknown) => caught);
    expect(isSec0Error(error, "GUARD_IDEMPOTENCY_RESULT_INVALID")).toBe(true);
    const ttl = await store.complete(claim, "r", { ttlMs: 0 }).catch((caught: unknown) => caught);
    expect(isSec0Error(ttl, "GUARD_CONFIG_INVALID")).toBe(true);
  });

  it.each([
    [{ leaseMs: 0 }, "leaseMs"],
    [{ waitMs: -1 }, "waitMs"],
    [{ capacity: 0 }, "capacity"],
    [{ capacity: 2.5 }, "capacity"],
  ])("rejects %j", (options, field) => {
    try {
      createRedisIdempotencyStore({ client, ...options });
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
      expect((error as { details?: { field?: string } }).details?.field).toBe(field);
    }
  });
});
