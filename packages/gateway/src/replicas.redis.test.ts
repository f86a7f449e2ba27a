// Two gateway processes sharing one Redis enforce one quota and one idempotency record: the side
// effect runs once under 50 concurrent duplicates spread over both replicas.
import { existsSync } from "node:fs";
import { deleteKeys, probeSharedRedis, SHARED_REDIS_URL, testPrefix } from "@sec0/testkit/redis";
import { Redis } from "ioredis";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Replica, startReplica } from "./__fixtures__/replicas.js";
import { startUpstream, type TestUpstream } from "./__fixtures__/upstream.js";

const hasDist = existsSync(new URL("../dist/index.js", import.meta.url));
if (!hasDist)
  console.warn("replicas.redis.test: skipped, packages/gateway/dist is missing (run the build first)");
const missing = hasDist ? await probeSharedRedis("replicas.redis.test") : "no dist";
const prefix = testPrefix("gateway-replicas");

describe.skipIf(missing !== undefined)("two gateway replicas sharing one Redis", () => {
  let upstream: TestUpstream;
  let replicas: Replica[] = [];
  let redis: Redis;

  beforeAll(async () => {
    upstream = await startUpstream();
    const policy = JSON.stringify({
      tenant: "acme",
      quotas: { per_tool: { "mcp://files/read@*": { daily: 10 } } },
    });
    const env = { TARGET: upstream.url, REDIS_URL: SHARED_REDIS_URL, PREFIX: prefix, POLICY: policy };
    replicas = await Promise.all([startReplica(env), startReplica(env)]);
    redis = new Redis(SHARED_REDIS_URL);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await upstream?.close();
    if (redis !== undefined) {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  });

  const post = (replica: Replica, tool: string, key: string, args: unknown) =>
    fetch(`${replica.url}/mcp/files/${tool}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-idempotency-key": key },
      body: JSON.stringify(args),
    });

  it("runs a side effect once under 50 concurrent duplicates over both replicas", async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(replicas[i % 2] as Replica, "write_file@1", "dup-key", { path: "/x" }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    await Promise.all(replies.map((r) => r.arrayBuffer()));
    expect(upstream.calls.filter((c) => c.tool === "write_file@1")).toHaveLength(1);
    for (const status of statuses) expect([200, 409]).toContain(status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
  });

  it("enforces one daily quota across both replicas", async () => {
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(replicas[i % 2] as Replica, "read@1", `r-${i}`, {})),
    );
    const statuses = replies.map((r) => r.status);
    await Promise.all(replies.map((r) => r.arrayBuffer()));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    expect(upstream.calls.filter((c) => c.tool === "read@1")).toHaveLength(10);
  });
});
