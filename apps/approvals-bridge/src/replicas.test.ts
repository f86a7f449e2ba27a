// Two bridge replicas behind one webhook URL, sharing Redis: the same escalation announced twice
// (by the control plane's outbox and by the guard's transport, with different event ids) to both
// replicas at once is posted once per chat; the same press delivered to both counts once.
import { createRedisClient } from "@sec0/guard/redis";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { deleteKeys, probeSharedRedis, SHARED_REDIS_URL, testPrefix } from "@sec0/testkit/redis";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeWithRecordingPoster, createdEvent, signedHeaders } from "./__fixtures__/bridge-fixtures.js";
import { handlePress } from "./presses/handle-press.js";
import { createRedisBridgeState } from "./state/redis-bridge-state.js";

const unreachable = await probeSharedRedis("replicas.test.ts");
const prefix = testPrefix("bridge-replicas");

describe.skipIf(unreachable !== undefined)("two bridge replicas on one Redis", () => {
  let redis: Redis;
  let controlPlane: TestServer;
  let votes = 0;
  beforeAll(async () => {
    redis = createRedisClient(SHARED_REDIS_URL);
    controlPlane = await startTestServer();
    controlPlane.handle((request, response) => {
      const id = request.url.split("?")[0]?.split("/").at(-1);
      if (request.method === "PUT") votes += 1;
      replyJson(response, 200, { escalation: { id, status: "pending", violation: "x", approvals: votes } });
    });
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
    await controlPlane.close();
  });

  it("posts one card per chat when both replicas get the escalation at once, twice each", async () => {
    const a = bridgeWithRecordingPoster(controlPlane.baseUrl, createRedisBridgeState({ redis, prefix }));
    const b = bridgeWithRecordingPoster(controlPlane.baseUrl, createRedisBridgeState({ redis, prefix }));
    const events = [
      createdEvent("esc_r1"),
      createdEvent("esc_r1"),
      createdEvent("esc_r1"),
      createdEvent("esc_r1"),
    ];
    const replies = await Promise.all(
      events.map((body, i) =>
        (i % 2 === 0 ? a : b).bridge.app.inject({
          method: "POST",
          url: "/webhooks/escalations",
          payload: body,
          headers: signedHeaders(body),
        }),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    const posts = [...a.posted, ...b.posted].filter((p) => p.op === "post");
    expect(posts).toHaveLength(1);
  });

  it("counts a press delivered to both replicas once", async () => {
    votes = 0;
    const a = bridgeWithRecordingPoster(controlPlane.baseUrl, createRedisBridgeState({ redis, prefix }));
    const b = bridgeWithRecordingPoster(controlPlane.baseUrl, createRedisBridgeState({ redis, prefix }));
    const press = {
      platform: "discord" as const,
      pressId: "interaction-1",
      escalationId: "esc_r2",
      verdict: "approve" as const,
      userId: "1",
      channelId: "100",
      messageId: "m1",
    };
    const routes = { targetsOf: () => [], tenantOfChannel: () => "acme", approverOf: () => "alice" };
    const deps = (bridge: typeof a, state: ReturnType<typeof createRedisBridgeState>) => ({
      routes,
      state,
      controlPlane: {
        read: async () => ({ id: "esc_r2", status: "pending" as const }),
        vote: async () => {
          votes += 1;
          return { kind: "recorded" as const, escalation: { id: "esc_r2", status: "pending" as const } };
        },
      },
      posters: {},
      redact: (t: string) => t,
      audit: bridge.audit,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      now: Date.now,
    });
    const outcomes = await Promise.all([
      handlePress(deps(a, createRedisBridgeState({ redis, prefix })), press),
      handlePress(deps(b, createRedisBridgeState({ redis, prefix })), press),
    ]);
    expect(votes).toBe(1);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["counted", "refused"]);
  });
});
