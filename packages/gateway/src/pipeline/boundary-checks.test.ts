// Entitlements, quotas and idempotency through the gateway, with the in-memory stores.
import { afterEach, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "../__fixtures__/gateway-under-test.js";
import { InMemoryAdapter } from "../quota/quota-adapters.js";

let gw: GatewayUnderTest;
afterEach(async () => gw?.close());

const call = (url: string, payload: unknown = {}, headers: Record<string, string> = callHeaders()) =>
  gw.app.inject({ method: "POST", url, headers, payload: payload as Record<string, unknown> });

describe("entitlements", () => {
  const entitlements = {
    default_plan: "free",
    plans: { free: { calls_per_day: 3 } },
    tenants: {
      acme: {
        plan: "free",
        allowlist: ["mcp://files/read@*"],
        denylist: ["mcp://files/delete@*"],
        agent_nodes: { planner: { allowlist: ["mcp://files/write@*"] } },
      },
    },
  };

  it("denies a tool outside the tenant's allowlist with 403 TOOL_NOT_ALLOWED when enforcing", async () => {
    gw = await startGatewayUnderTest({ entitlements, enforcement: { mode: "enforce" } });
    const res = await call("/mcp/files/list@1");
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: "TOOL_NOT_ALLOWED", denial_reason: "tool_not_in_allowlist" });
    expect(gw.upstream.calls).toHaveLength(0);
    expect(gw.records.at(-1)).toMatchObject({ decision_reason: "tool_not_in_allowlist" });
  });

  it("checks deny patterns before allow patterns, and adds the agent node's patterns", async () => {
    gw = await startGatewayUnderTest({ entitlements, enforcement: { mode: "enforce" } });
    expect((await call("/mcp/files/delete@1")).json()).toMatchObject({ denial_reason: "tool_in_denylist" });
    expect((await call("/mcp/files/write@1")).statusCode).toBe(200);
    const other = await call("/mcp/files/write@1", {}, { ...callHeaders(), "x-node-id": "critic" });
    expect(other.statusCode).toBe(403);
  });

  it("only records the violation in observe mode", async () => {
    gw = await startGatewayUnderTest({ entitlements });
    const res = await call("/mcp/files/list@1");
    expect(res.statusCode).toBe(200);
    expect(gw.records.at(-1)).toMatchObject({ policy: { decision: "would_deny" } });
  });

  it("enforces the plan's daily limit with 429 QUOTA_EXCEEDED and the quota headers", async () => {
    gw = await startGatewayUnderTest({ entitlements, quotas: { adapter: new InMemoryAdapter() } });
    for (let i = 0; i < 3; i += 1) {
      const ok = await call("/mcp/files/read@1");
      expect(ok.statusCode).toBe(200);
      expect(ok.headers["x-quota-remaining"]).toBe(String(2 - i));
    }
    const refused = await call("/mcp/files/read@1");
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: "QUOTA_EXCEEDED" });
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused.headers["x-quota-reset-at"]).toMatch(/T00:00:00\.000Z$/);
    expect(refused.headers["ratelimit-policy"]).toContain('"daily";q=3');
    expect(gw.upstream.calls).toHaveLength(3);
    expect(gw.records.at(-1)).toMatchObject({ decision_reason: "quota_exceeded" });
  });
});

describe("quotas", () => {
  it("limits the per-second rate with 429 RATE_LIMITED after the burst", async () => {
    gw = await startGatewayUnderTest({
      quotas: { adapter: new InMemoryAdapter() },
      policy: { tenant: "acme", quotas: { per_tenant: { acme: { rate_per_minute: 120 } } } },
    });
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) codes.push((await call("/mcp/files/read@1")).statusCode);
    expect(codes.slice(0, 2)).toEqual([200, 200]);
    expect(codes).toContain(429);
  });

  it("answers 503 QUOTA_UNAVAILABLE when the store fails and the fail mode is closed", async () => {
    const broken = { consume: () => Promise.reject(new Error("redis down")) };
    gw = await startGatewayUnderTest({
      quotas: { adapter: broken, failMode: "closed", timeoutMs: 50 },
      policy: { tenant: "acme", quotas: { daily: 100 } },
    });
    const res = await call("/mcp/files/read@1");
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: "QUOTA_UNAVAILABLE" });
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("lets the call through, marked degraded, when the fail mode is open", async () => {
    const hanging = { consume: () => new Promise<never>(() => {}) };
    gw = await startGatewayUnderTest({
      quotas: { adapter: hanging, failMode: "open", timeoutMs: 50 },
      policy: { tenant: "acme", quotas: { daily: 100 } },
    });
    const t0 = Date.now();
    const res = await call("/mcp/files/read@1");
    expect(res.statusCode).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(gw.records.at(-1)).toMatchObject({ quota_degraded: "open" });
  });
});

describe("idempotency of side effects", () => {
  it("runs a side effect once under 50 concurrent duplicates and replays it", async () => {
    gw = await startGatewayUnderTest();
    const headers = callHeaders("same-key");
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => call("/mcp/files/write_file@1", { path: "/a" }, headers)),
    );
    expect(gw.upstream.calls).toHaveLength(1);
    const outcomes = replies.map((r) => `${r.statusCode} ${r.headers["x-dedupe"]}`);
    expect(outcomes.filter((o) => o === "200 first")).toHaveLength(1);
    for (const o of outcomes) expect(["200 first", "200 replay", "409 reject"]).toContain(o);
  });

  it("refuses the same key with other arguments with 422", async () => {
    gw = await startGatewayUnderTest();
    const headers = callHeaders("k-args");
    expect((await call("/mcp/files/write_file@1", { path: "/a" }, headers)).statusCode).toBe(200);
    const other = await call("/mcp/files/write_file@1", { path: "/b" }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: "IDEMPOTENCY_KEY_REUSED" });
    expect(gw.upstream.calls).toHaveLength(1);
  });
});
