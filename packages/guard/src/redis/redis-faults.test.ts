// Fault injection against a redis-server of our own: frozen (SIGSTOP) and killed mid-run, every fail
// mode is honoured and no call waits longer than its timeout + 500 ms.
import { isSec0Error, type QuotaStore, type QuotaVerdict } from "@sec0/core";
import { type RedisChild, redisServerMissing, startRedisChild } from "@sec0/testkit/redis";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { executeIdempotently } from "../idempotency/execute-idempotently.js";
import {
  createResilientQuotaStore,
  type QuotaDegradation,
  type QuotaFailMode,
} from "../quota/resilient-quota-store.js";
import { checkRedisReady, createRedisClient } from "./create-redis-client.js";
import { createRedisIdempotencyStore } from "./redis-idempotency-store.js";
import { createRedisQuotaStore } from "./redis-quota-store.js";

const missing = redisServerMissing("redis-faults.test.ts");
const TIMEOUT_MS = 150;
const COMMAND_TIMEOUT_MS = 300;
const SLACK_MS = 500;
const rules = [{ key: "tenant|tool", ratePerSec: 100, burst: 100 }];

/** Runs `work`, asserting it settles within `limitMs`; returns how it settled. */
async function timed<T>(limitMs: number, work: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const started = performance.now();
  const settled = await work().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  expect(performance.now() - started).toBeLessThan(limitMs);
  return settled;
}

describe.skipIf(missing !== undefined)("Redis stores when Redis fails", () => {
  let server: RedisChild;
  let client: Redis;
  let heard: QuotaDegradation[];
  let stores: Record<QuotaFailMode, QuotaStore>;

  beforeAll(async () => {
    server = await startRedisChild();
    client = createRedisClient(server.url, { commandTimeout: COMMAND_TIMEOUT_MS });
    const primary = createRedisQuotaStore({ client });
    const make = (mode: QuotaFailMode) =>
      createResilientQuotaStore({ primary, mode, timeoutMs: TIMEOUT_MS, onDegrade: (d) => heard.push(d) });
    stores = { closed: make("closed"), open: make("open"), local: make("local") };
  });
  afterEach(() => {
    heard = [];
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.kill();
  });

  const expectEveryFailMode = async () => {
    heard = [];
    const closed = await timed(TIMEOUT_MS + SLACK_MS, () => stores.closed.consume(rules));
    expect(isSec0Error(closed.error, "GUARD_QUOTA_UNAVAILABLE")).toBe(true);
    const open = await timed(TIMEOUT_MS + SLACK_MS, () => stores.open.consume(rules));
    expect(open.value).toEqual({ allowed: true, degraded: "open" });
    const local = await timed(TIMEOUT_MS + SLACK_MS, () => stores.local.consume(rules));
    expect(local.value).toMatchObject({ allowed: true, degraded: "local", rate: { limit: 100 } });
    expect(heard.map((d) => d.mode)).toEqual(["closed", "open", "local"]);
  };

  /** Consumes (open mode) until an answer comes from Redis again, for at most 50 × 100 ms. */
  const waitUntilHealthy = async (): Promise<QuotaVerdict> => {
    let verdict = await stores.open.consume(rules);
    for (let i = 0; i < 50 && verdict.degraded !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      verdict = await stores.open.consume(rules);
    }
    return verdict;
  };

  it("answers from Redis while it is up", async () => {
    heard = [];
    for (const mode of ["closed", "open", "local"] as const) {
      const verdict = await stores[mode].consume(rules);
      expect(verdict.allowed && verdict.degraded).toBe(undefined);
    }
    expect(heard).toEqual([]);
    expect(await checkRedisReady(client)).toMatchObject({ ready: true });
  });

  it("honours every fail mode while Redis is frozen (SIGSTOP), then recovers", async () => {
    server.freeze();
    try {
      await expectEveryFailMode();
      await expectEveryFailMode(); // and every time, not only the first
      const readiness = await timed(200 + SLACK_MS, () => checkRedisReady(client, 200));
      expect(readiness.value).toMatchObject({ ready: false, reason: "timeout" });
      const raw = await timed(COMMAND_TIMEOUT_MS + SLACK_MS, () =>
        createRedisQuotaStore({ client }).consume(rules),
      );
      expect(isSec0Error(raw.error, "GUARD_REDIS_UNAVAILABLE")).toBe(true);
    } finally {
      server.thaw();
    }
    expect(await waitUntilHealthy()).toMatchObject({ allowed: true, rate: { limit: 100 } });
    expect((await waitUntilHealthy()).degraded).toBe(undefined);
  });

  it("keeps every call bounded when Redis freezes and dies mid-run", async () => {
    const durations: number[] = [];
    const answers = { redis: 0, local: 0 };
    const load = async () => {
      const stopAt = performance.now() + 900;
      while (performance.now() < stopAt) {
        const started = performance.now();
        const verdict = await stores.local.consume([{ key: "mid-run", ratePerSec: 10_000, burst: 10_000 }]);
        durations.push(performance.now() - started);
        answers[verdict.degraded === "local" ? "local" : "redis"] += 1;
      }
    };
    const running = Promise.all([load(), load(), load(), load()]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.freeze();
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.thaw();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const port = server.port;
    await server.kill();
    await running;
    server = await startRedisChild(port);
    expect(Math.max(...durations)).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(answers.redis).toBeGreaterThan(0);
    expect(answers.local).toBeGreaterThan(0);
    expect((await waitUntilHealthy()).degraded).toBe(undefined);
  });

  it("fails closed on idempotency while Redis is frozen", async () => {
    const store = createRedisIdempotencyStore({ client, prefix: "faults:idem:", waitMs: 0 });
    server.freeze();
    try {
      let runs = 0;
      const outcome = await timed(COMMAND_TIMEOUT_MS + SLACK_MS, () =>
        executeIdempotently(store, { key: "k", args: {}, ttlMs: 60_000 }, () => ++runs),
      );
      expect(outcome.value?.status).toBe("unavailable");
      expect(runs).toBe(0);
    } finally {
      server.thaw();
      await store.close();
    }
  });

  it("honours every fail mode once Redis is killed, and recovers when it is back", async () => {
    const port = server.port;
    await server.kill();
    await expectEveryFailMode();
    await expectEveryFailMode();
    const readiness = await timed(200 + SLACK_MS, () => checkRedisReady(client, 200));
    expect(readiness.value).toMatchObject({ ready: false });
    const idempotency = createRedisIdempotencyStore({ client, waitMs: 0 });
    const begin = await timed(COMMAND_TIMEOUT_MS + SLACK_MS, () => idempotency.begin("k", "d"));
    expect(isSec0Error(begin.error, "GUARD_REDIS_UNAVAILABLE")).toBe(true);
    server = await startRedisChild(port);
    expect(await waitUntilHealthy()).toMatchObject({ allowed: true, rate: { limit: 100 } });
    expect((await waitUntilHealthy()).degraded).toBe(undefined);
    expect(await checkRedisReady(client)).toMatchObject({ ready: true });
  });
});
