import { digestArgs, isSec0Error } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { claimOf, describeIdempotencyStoreContract } from "@sec0/testkit/idempotency-store-contract";
import { describe, expect, it } from "vitest";
import { createMemoryIdempotencyStore } from "./memory-idempotency-store.js";

describeIdempotencyStoreContract("memory", (options) => createMemoryIdempotencyStore(options));

describe("digestArgs", () => {
  it("ignores key order and treats absent args as {}", () => {
    expect(digestArgs({ a: 1, b: { c: 2, d: 3 } })).toBe(digestArgs({ b: { d: 3, c: 2 }, a: 1 }));
    expect(digestArgs(undefined)).toBe(digestArgs({}));
    expect(digestArgs({ a: 1 })).not.toBe(digestArgs({ a: 2 }));
  });
});

describe("createMemoryIdempotencyStore", () => {
  it("holds 100,000 records by default", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    for (let i = 0; i < 100_000; i++) claimOf(await store.begin(`k${i}`, "d"));
    expect(await store.begin("one-more", "d")).toEqual({ state: "full", reason: "idempotency_store_full" });
  });

  it("keeps an uncloneable result by reference", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    const result = { run: () => 1 };
    await store.complete(claimOf(await store.begin("k", "d")), result, { ttlMs: 1000 });
    expect(await store.begin("k", "d")).toEqual({ state: "replay", result });
  });

  it.each([
    [{ capacity: 0 }, "capacity"],
    [{ capacity: 1.5 }, "capacity"],
    [{ waitMs: -1 }, "waitMs"],
    [{ waitMs: Number.NaN }, "waitMs"],
  ])("rejects %j", (options, field) => {
    try {
      createMemoryIdempotencyStore(options);
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
      expect((error as { details?: { field?: string } }).details?.field).toBe(field);
    }
  });

  it.each([
    ["ttlMs", "side_effects.idempotency_ttl"],
    ["inFlightTtlMs", "never expire"],
    ["maxEntries", "capacity"],
  ])("refuses the removed option %s and names what replaced it", (option, hint) => {
    expect(() => createMemoryIdempotencyStore({ [option]: 1000 } as never)).toThrow(hint);
  });

  it("rejects a TTL that is not a positive number of milliseconds", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    const claim = claimOf(await store.begin("k", "d"));
    for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(store.complete(claim, "r", { ttlMs })).rejects.toThrow(/ttlMs/);
    }
    expect(await store.begin("k", "d")).toEqual({ state: "in_flight" });
  });
});
