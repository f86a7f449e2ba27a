import { digestArgs, isSec0Error } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { executeIdempotently } from "./execute-idempotently.js";
import { createMemoryIdempotencyStore } from "./memory-idempotency-store.js";

describe("digestArgs", () => {
  it("ignores key order and treats absent args as {}", () => {
    expect(digestArgs({ a: 1, b: { c: 2, d: 3 } })).toBe(digestArgs({ b: { d: 3, c: 2 }, a: 1 }));
    expect(digestArgs(undefined)).toBe(digestArgs({}));
    expect(digestArgs({ a: 1 })).not.toBe(digestArgs({ a: 2 }));
  });
});

describe("createMemoryIdempotencyStore", () => {
  it("claims a new key, replays the recorded result, and reports a conflict for other args", async () => {
    const store = createMemoryIdempotencyStore<{ n: number }>({ clock: createFixedClock() });
    expect(await store.begin("k", "d1")).toEqual({ state: "new" });
    await store.complete("k", { n: 1 });
    expect(await store.begin("k", "d1")).toEqual({ state: "replay", result: { n: 1 } });
    expect(await store.begin("k", "d2")).toEqual({ state: "conflict", reason: "idempotency_conflict" });
  });

  it("replays a clone: mutating the returned result does not alter the record", async () => {
    const store = createMemoryIdempotencyStore<{ n: number }>({ clock: createFixedClock() });
    await store.begin("k", "d");
    const original = { n: 1 };
    await store.complete("k", original);
    original.n = 99;
    const replay = await store.begin("k", "d");
    if (replay.state !== "replay") throw new Error("expected replay");
    replay.result.n = 5;
    expect(await store.begin("k", "d")).toEqual({ state: "replay", result: { n: 1 } });
  });

  it("forgets completed results after the TTL", async () => {
    const clock = createFixedClock();
    const store = createMemoryIdempotencyStore({ ttlMs: 1000, clock });
    await store.begin("k", "d");
    await store.complete("k", "r");
    clock.advance(999);
    expect((await store.begin("k", "d")).state).toBe("replay");
    clock.advance(1);
    expect(await store.begin("k", "other")).toEqual({ state: "new" });
  });

  it("releases the key on fail so that a retry runs again", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    await store.begin("k", "d");
    await store.fail("k");
    expect(await store.begin("k", "d")).toEqual({ state: "new" });
  });

  it("makes a concurrent duplicate wait for the first call's result", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock(), waitMs: 5000 });
    await store.begin("k", "d");
    const second = store.begin("k", "d");
    await store.complete("k", "first result");
    expect(await second).toEqual({ state: "replay", result: "first result" });
  });

  it("hands the key to a waiting duplicate when the first call fails", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock(), waitMs: 5000 });
    await store.begin("k", "d");
    const second = store.begin("k", "d");
    await store.fail("k");
    expect(await second).toEqual({ state: "new" });
  });

  it("reports in_flight after the bounded wait, and at once with waitMs 0", async () => {
    const waiting = createMemoryIdempotencyStore({ clock: createFixedClock(), waitMs: 20 });
    await waiting.begin("k", "d");
    const started = Date.now();
    expect(await waiting.begin("k", "d")).toEqual({ state: "in_flight" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const immediate = createMemoryIdempotencyStore({ clock: createFixedClock(), waitMs: 0 });
    await immediate.begin("k", "d");
    expect(await immediate.begin("k", "d")).toEqual({ state: "in_flight" });
    // A different digest is a conflict even while the first call runs.
    expect(await immediate.begin("k", "x")).toEqual({ state: "conflict", reason: "idempotency_conflict" });
  });

  it("treats a claim that never finished as abandoned after inFlightTtlMs", async () => {
    const clock = createFixedClock();
    const store = createMemoryIdempotencyStore({ clock, waitMs: 0, inFlightTtlMs: 500 });
    await store.begin("k", "d");
    clock.advance(500);
    expect(await store.begin("k", "d")).toEqual({ state: "new" });
  });

  it("evicts the least recently used record beyond maxEntries", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock(), maxEntries: 2 });
    for (const key of ["a", "b"]) {
      await store.begin(key, "d");
      await store.complete(key, key);
    }
    expect((await store.begin("a", "d")).state).toBe("replay"); // touch a: b is now oldest
    await store.begin("c", "d");
    await store.complete("c", "c");
    expect((await store.begin("a", "d")).state).toBe("replay");
    expect(await store.begin("b", "d")).toEqual({ state: "new" });
  });

  it("rejects invalid options", () => {
    try {
      createMemoryIdempotencyStore({ ttlMs: -1 });
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
    }
  });
});

describe("executeIdempotently", () => {
  it("runs the handler once and replays without running it again", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    let runs = 0;
    const handler = async () => ({ written: ++runs });
    const args = { path: "/a", content: "x" };
    expect(await executeIdempotently(store, { key: "k", args }, handler)).toEqual({
      status: "executed",
      result: { written: 1 },
    });
    expect(
      await executeIdempotently(store, { key: "k", args: { content: "x", path: "/a" } }, handler),
    ).toEqual({
      status: "replayed",
      result: { written: 1 },
    });
    expect(await executeIdempotently(store, { key: "k", args: { path: "/b" } }, handler)).toEqual({
      status: "conflict",
      reason: "idempotency_conflict",
    });
    expect(runs).toBe(1);
  });

  it("releases the key and rethrows when the handler fails", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    await expect(
      executeIdempotently(store, { key: "k", args: {} }, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await executeIdempotently(store, { key: "k", args: {} }, () => "ok")).toEqual({
      status: "executed",
      result: "ok",
    });
  });

  it("lets a concurrent duplicate share the first execution", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock(), waitMs: 5000 });
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      runs += 1;
      await gate;
      return "done";
    };
    const first = executeIdempotently(store, { key: "k", args: {} }, slow);
    const second = executeIdempotently(store, { key: "k", args: {} }, slow);
    release();
    expect(await first).toEqual({ status: "executed", result: "done" });
    expect(await second).toEqual({ status: "replayed", result: "done" });
    expect(runs).toBe(1);
  });
});
