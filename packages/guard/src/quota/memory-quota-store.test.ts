import { isSec0Error, type QuotaRule } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { describeQuotaStoreContract } from "@sec0/testkit/quota-store-contract";
import { describe, expect, it } from "vitest";
import { createMemoryQuotaStore } from "./memory-quota-store.js";

describeQuotaStoreContract("memory", () => {
  const clock = createFixedClock(Date.UTC(2026, 0, 1, 13, 37));
  return {
    store: createMemoryQuotaStore({ clock }),
    pass: async (ms) => clock.advance(ms),
    now: clock.now,
    isFixedClock: true,
  };
});

describe("createMemoryQuotaStore", () => {
  it("keeps memory bounded: drops expired buckets first, then the least recently used", async () => {
    const clock = createFixedClock();
    const store = createMemoryQuotaStore({ clock, maxKeys: 3 });
    const rule = (key: string): QuotaRule[] => [{ key, ratePerSec: 1, burst: 1 }];
    expect((await store.consume(rule("a"))).allowed).toBe(true);
    expect((await store.consume(rule("b"))).allowed).toBe(true);
    expect((await store.consume(rule("c"))).allowed).toBe(true);
    expect((await store.consume(rule("d"))).allowed).toBe(true); // "a" (least recently used) dropped
    expect((await store.consume(rule("a"))).allowed).toBe(true); // starts over: the documented leniency
    expect((await store.consume(rule("d"))).allowed).toBe(false); // "d" is still held
    clock.advance(1000); // every bucket is full again: expired ones make room without dropping live ones
    for (const key of ["e", "f", "g"]) expect((await store.consume(rule(key))).allowed).toBe(true);
    for (const key of ["e", "f", "g"]) expect((await store.consume(rule(key))).allowed).toBe(false);
  });

  it("holds 100,000 keys by default and keeps deciding past that", async () => {
    const clock = createFixedClock();
    const store = createMemoryQuotaStore({ clock });
    for (let i = 0; i < 100_001; i++) await store.consume([{ key: `k${i}`, perDay: 1 }]);
    expect((await store.consume([{ key: "k100000", perDay: 1 }])).allowed).toBe(false);
    expect((await store.consume([{ key: "k0", perDay: 1 }])).allowed).toBe(true); // dropped as least recently used
  });

  it("keeps what another rule shape left under the same key", async () => {
    const store = createMemoryQuotaStore({ clock: createFixedClock() });
    await store.consume([{ key: "k", perDay: 2 }]);
    await store.consume([{ key: "k", ratePerSec: 1, burst: 5 }]);
    expect(await store.consume([{ key: "k", perDay: 2 }])).toMatchObject({
      allowed: true,
      daily: { remaining: 0 },
    });
  });

  it.each<[unknown, string]>([
    [[{ key: "" }], "key"],
    [[{ key: "a" }, { key: "a" }], "key"],
    [[{ key: "a", ratePerSec: 0 }], "ratePerSec"],
    [[{ key: "a", ratePerSec: Number.POSITIVE_INFINITY }], "ratePerSec"],
    [[{ key: "a", ratePerSec: 1, burst: 0 }], "burst"],
    [[{ key: "a", ratePerSec: 1, burst: 1.5 }], "burst"],
    [[{ key: "a", burst: 3 }], "burst"],
    [[{ key: "a", perDay: -1 }], "perDay"],
    [[{ key: "a", perDay: 2.5 }], "perDay"],
  ])("rejects the rules %j naming %s", async (rules, field) => {
    const store = createMemoryQuotaStore({ clock: createFixedClock() });
    const error = await store.consume(rules as QuotaRule[]).catch((caught: unknown) => caught);
    expect(isSec0Error(error, "GUARD_QUOTA_RULE_INVALID")).toBe(true);
    expect((error as { details?: { field?: string } }).details?.field).toBe(field);
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects maxKeys %s", (maxKeys) => {
    expect(() => createMemoryQuotaStore({ maxKeys })).toThrow(/maxKeys/);
  });
});
