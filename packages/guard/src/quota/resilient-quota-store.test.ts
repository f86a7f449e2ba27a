import { isSec0Error, type QuotaStore } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createMemoryQuotaStore } from "./memory-quota-store.js";
import { createResilientQuotaStore, type QuotaDegradation } from "./resilient-quota-store.js";

const rules = [{ key: "k", ratePerSec: 1, burst: 2 }];
const down = new Error("ECONNREFUSED");
const failing: QuotaStore = {
  consume: async () => {
    throw down;
  },
};
const hanging: QuotaStore = { consume: () => new Promise(() => undefined) };

describe("createResilientQuotaStore", () => {
  it("passes the primary's verdict through while it answers", async () => {
    const heard: QuotaDegradation[] = [];
    const store = createResilientQuotaStore({
      primary: createMemoryQuotaStore({ clock: createFixedClock() }),
      mode: "closed",
      timeoutMs: 100,
      onDegrade: (degradation) => heard.push(degradation),
    });
    expect(await store.consume(rules)).toMatchObject({ allowed: true, rate: { remaining: 1 } });
    expect(heard).toEqual([]);
  });

  it.each([
    ["a failing", failing],
    ["a hanging", hanging],
  ])("refuses in closed mode with %s primary, within the timeout", async (_, primary) => {
    const heard: QuotaDegradation[] = [];
    const store = createResilientQuotaStore({
      primary,
      mode: "closed",
      timeoutMs: 50,
      onDegrade: (d) => heard.push(d),
    });
    const started = performance.now();
    const error = await store.consume(rules).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(300);
    expect(isSec0Error(error, "GUARD_QUOTA_UNAVAILABLE")).toBe(true);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.mode).toBe("closed");
    if (primary === failing) expect((error as Error).cause).toBe(down);
    else expect(isSec0Error(heard[0]!.error, "GUARD_QUOTA_UNAVAILABLE")).toBe(true);
  });

  it("allows uncounted in open mode, and tells onDegrade every time", async () => {
    const heard: QuotaDegradation[] = [];
    const store = createResilientQuotaStore({
      primary: failing,
      mode: "open",
      timeoutMs: 50,
      onDegrade: (d) => heard.push(d),
    });
    for (let i = 0; i < 5; i++)
      expect(await store.consume(rules)).toEqual({ allowed: true, degraded: "open" });
    expect(heard.map((d) => [d.mode, d.error])).toEqual(Array.from({ length: 5 }, () => ["open", down]));
  });

  it("counts in the local fallback in local mode", async () => {
    const store = createResilientQuotaStore({
      primary: hanging,
      mode: "local",
      timeoutMs: 20,
      fallback: createMemoryQuotaStore({ clock: createFixedClock() }),
    });
    expect(await store.consume(rules)).toMatchObject({ allowed: true, degraded: "local" });
    expect(await store.consume(rules)).toMatchObject({ allowed: true, degraded: "local" });
    expect(await store.consume(rules)).toMatchObject({
      allowed: false,
      reason: "rate_limited",
      rule: "k",
      degraded: "local",
    });
  });

  it("ignores a throwing onDegrade", async () => {
    const store = createResilientQuotaStore({
      primary: failing,
      mode: "open",
      timeoutMs: 50,
      onDegrade: () => {
        throw new Error("metrics down");
      },
    });
    expect(await store.consume(rules)).toEqual({ allowed: true, degraded: "open" });
  });

  it("rejects a bad rule without degrading", async () => {
    const heard: QuotaDegradation[] = [];
    const store = createResilientQuotaStore({
      primary: failing,
      mode: "open",
      timeoutMs: 50,
      onDegrade: (d) => heard.push(d),
    });
    const error = await store.consume([{ key: "" }]).catch((caught: unknown) => caught);
    expect(isSec0Error(error, "GUARD_QUOTA_RULE_INVALID")).toBe(true);
    expect(heard).toEqual([]);
  });

  it.each([
    [{ mode: "shut", timeoutMs: 50 }, "mode"],
    [{ mode: "open", timeoutMs: 0 }, "timeoutMs"],
    [{ mode: "open", timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
  ])("rejects the options %j", (options, field) => {
    try {
      createResilientQuotaStore({ primary: failing, ...options } as never);
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
      expect((error as { details?: { field?: string } }).details?.field).toBe(field);
    }
  });
});
