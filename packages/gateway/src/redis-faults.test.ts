// The gateway against a redis-server of its own, frozen (SIGSTOP) and killed mid-run: the quota
// fail mode is honoured on every call and no call waits past its timeout; side effects whose
// idempotency store cannot answer are refused, never run unrecorded.
import { createRedisClient, createRedisIdempotencyStore } from "@sec0/guard/redis";
import { type RedisChild, redisServerMissing, startRedisChild } from "@sec0/testkit/redis";
import type { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "./__fixtures__/gateway-under-test.js";
import { RedisAdapter } from "./quota/quota-adapters.js";

const missing = redisServerMissing("gateway redis-faults.test");
const TIMEOUT_MS = 150;
let redis: RedisChild | undefined;
let client: Redis | undefined;
let gw: GatewayUnderTest | undefined;

afterEach(async () => {
  await gw?.close();
  client?.disconnect();
  await redis?.kill();
  gw = undefined;
  client = undefined;
  redis = undefined;
});

async function gatewayOn(failMode: "closed" | "open" | "local") {
  redis = await startRedisChild();
  client = createRedisClient(redis.url);
  gw = await startGatewayUnderTest({
    quotas: { adapter: new RedisAdapter(client), failMode, timeoutMs: TIMEOUT_MS },
    idempotencyStore: createRedisIdempotencyStore({ client, waitMs: 200 }),
    policy: { tenant: "acme", quotas: { daily: 1000 } },
    enforcement: { mode: "enforce" },
  });
  return gw;
}

async function timed(g: GatewayUnderTest, tool: string) {
  const t0 = Date.now();
  const res = await g.app.inject({
    method: "POST",
    url: `/mcp/files/${tool}`,
    headers: callHeaders(),
    payload: {},
  });
  return { status: res.statusCode, ms: Date.now() - t0, body: res.json() as Record<string, unknown> };
}

describe.skipIf(missing !== undefined)("Redis failing under the gateway", () => {
  it.each([
    ["closed", 503],
    ["open", 200],
    ["local", 200],
  ] as const)("fail mode %s: a frozen Redis answers %i within the timeout", async (mode, status) => {
    const g = await gatewayOn(mode);
    expect((await timed(g, "read@1")).status).toBe(200);
    redis?.freeze();
    for (let i = 0; i < 3; i += 1) {
      const res = await timed(g, "read@1");
      expect(res.status).toBe(status);
      expect(res.ms).toBeLessThan(TIMEOUT_MS + 1500);
    }
    if (mode !== "closed") expect(g.records.at(-1)).toMatchObject({ quota_degraded: mode });
    else expect(g.records.at(-1)).toMatchObject({ decision_reason: "quota_unavailable" });
  });

  it("a killed Redis: closed refuses with 503, and a side effect is not run unrecorded", async () => {
    const g = await gatewayOn("local");
    await redis?.kill();
    const read = await timed(g, "read@1");
    expect(read.status).toBe(200); // local quota, and reads do not touch the idempotency store
    const write = await timed(g, "write_file@1");
    expect(write.status).toBe(503);
    expect(write.ms).toBeLessThan(5000);
    expect(g.upstream.calls.filter((c) => c.tool === "write_file@1")).toHaveLength(0);
  });
});
