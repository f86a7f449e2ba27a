import { createServer, type Socket } from "node:net";
import { isSec0Error } from "@sec0/core";
import { createRedisClient } from "@sec0/guard/redis";
import { deleteKeys, freePort, probeSharedRedis, SHARED_REDIS_URL, testPrefix } from "@sec0/testkit/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeBridgeStateContract } from "./__fixtures__/bridge-state-contract.js";
import { createRedisBridgeState } from "./redis-bridge-state.js";

const unreachable = await probeSharedRedis("redis-bridge-state.test.ts");
const prefix = testPrefix("bridge-state");

describe.skipIf(unreachable !== undefined)("createRedisBridgeState (shared Redis)", () => {
  let client: Redis;
  let second: Redis;
  let count = 0;
  beforeAll(() => {
    client = createRedisClient(SHARED_REDIS_URL);
    second = createRedisClient(SHARED_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await Promise.all([client.quit(), second.quit()]);
  });

  describeBridgeStateContract("redis", async () => {
    const state = createRedisBridgeState({ redis: client, prefix: `${prefix}${++count}:` });
    return { state, cleanup: () => state.close() };
  });

  it("shares claims and cards between two replicas on different clients", async () => {
    const where = `${prefix}replicas:`;
    const a = createRedisBridgeState({ redis: client, prefix: where });
    const b = createRedisBridgeState({ redis: second, prefix: where });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).claim("post:e1", 60_000)),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).addCard(
          "e1",
          { platform: "discord", channelId: `c${i}`, messageId: `m${i}` },
          60_000,
        ),
      ),
    );
    expect(await a.cards("e1")).toHaveLength(20);
    expect(await b.cards("e1")).toEqual(await a.cards("e1"));
  });

  it("keeps its keys under the prefix, with the ttl set", async () => {
    const where = `${prefix}keys:`;
    const state = createRedisBridgeState({ redis: client, prefix: where });
    await state.claim("k", 60_000);
    await state.addCard("e1", { platform: "telegram", channelId: "-100", messageId: "7" }, 60_000);
    expect(await client.pttl(`${where}claim:k`)).toBeGreaterThan(59_000);
    expect(await client.pttl(`${where}cards:e1`)).toBeGreaterThan(59_000);
    expect(await client.hkeys(`${where}cards:e1`)).toEqual(["telegram:-100"]);
  });

  it("rejects with BRIDGE_STATE_REPLY_INVALID for a stored value that is not a card", async () => {
    const where = `${prefix}corrupt:`;
    await client.hset(`${where}cards:e1`, "discord:a", "{not json");
    const state = createRedisBridgeState({ redis: client, prefix: where });
    await expect(state.cards("e1")).rejects.toMatchObject({ code: "BRIDGE_STATE_REPLY_INVALID" });
  });

  it("leaves the client it was given open on close()", async () => {
    const state = createRedisBridgeState({ redis: client, prefix: `${prefix}close:` });
    await state.close();
    expect(await client.ping()).toBe("PONG");
    expect(await state.claim("after-close", 60_000)).toBe(true);
  });
});

describe("createRedisBridgeState (Redis unavailable)", () => {
  it("fails closed: claim rejects with BRIDGE_STATE_UNAVAILABLE when nothing listens", async () => {
    const redis = new Redis(`redis://user:s3cret@127.0.0.1:${await freePort()}`, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    redis.on("error", () => undefined);
    const state = createRedisBridgeState({ redis });
    try {
      const error = await state.claim("post:e1", 60_000).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isSec0Error(error, "BRIDGE_STATE_UNAVAILABLE")).toBe(true);
      expect((error as Error).message).toContain("could not claim");
      expect(JSON.stringify(error)).not.toContain("s3cret");
      await expect(
        state.addCard("e1", { platform: "discord", channelId: "a", messageId: "m" }, 60_000),
      ).rejects.toMatchObject({
        code: "BRIDGE_STATE_UNAVAILABLE",
      });
      await expect(state.cards("e1")).rejects.toMatchObject({ code: "BRIDGE_STATE_UNAVAILABLE" });
    } finally {
      redis.disconnect();
    }
  });

  it("rejects a command that takes longer than timeoutMs (a Redis that accepts but never answers)", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
    const redis = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => undefined);
    const state = createRedisBridgeState({ redis, timeoutMs: 200 });
    try {
      const started = performance.now();
      await expect(state.claim("post:e1", 60_000)).rejects.toMatchObject({
        code: "BRIDGE_STATE_UNAVAILABLE",
        message: expect.stringContaining("no answer within 200 ms"),
      });
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      redis.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("refuses a timeoutMs that is not positive and an empty prefix", () => {
    const redis = new Redis({ lazyConnect: true });
    expect(() => createRedisBridgeState({ redis, timeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: "BRIDGE_STATE_INPUT_INVALID" }),
    );
    expect(() => createRedisBridgeState({ redis, prefix: "" })).toThrow(
      expect.objectContaining({ code: "BRIDGE_STATE_INPUT_INVALID" }),
    );
    redis.disconnect();
  });
});
