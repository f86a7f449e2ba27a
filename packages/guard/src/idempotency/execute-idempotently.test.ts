import { type IdempotencyStore, isSec0Error } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { executeIdempotently } from "./execute-idempotently.js";
import { createMemoryIdempotencyStore } from "./memory-idempotency-store.js";

const HOUR = 3_600_000;
const call = (key: string, args: unknown) => ({ key, args, ttlMs: HOUR });

describe("executeIdempotently", () => {
  it("runs the handler once and replays without running it again", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    let runs = 0;
    const handler = async () => ({ written: ++runs });
    expect(await executeIdempotently(store, call("k", { path: "/a", content: "x" }), handler)).toEqual({
      status: "executed",
      result: { written: 1 },
    });
    expect(await executeIdempotently(store, call("k", { content: "x", path: "/a" }), handler)).toEqual({
      status: "replayed",
      result: { written: 1 },
    });
    expect(await executeIdempotently(store, call("k", { path: "/b" }), handler)).toEqual({
      status: "conflict",
      reason: "idempotency_conflict",
    });
    expect(runs).toBe(1);
  });

  it("releases the key and rethrows when the handler fails", async () => {
    const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
    const boom = () => {
      throw new Error("boom");
    };
    await expect(executeIdempotently(store, call("k", {}), boom)).rejects.toThrow("boom");
    expect(await executeIdempotently(store, call("k", {}), () => "ok")).toEqual({
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
    const first = executeIdempotently(store, call("k", {}), slow);
    const second = executeIdempotently(store, call("k", {}), slow);
    release();
    expect(await first).toEqual({ status: "executed", result: "done" });
    expect(await second).toEqual({ status: "replayed", result: "done" });
    expect(runs).toBe(1);
  });

  it("does not run when the store is full or cannot answer", async () => {
    let runs = 0;
    const handler = () => ++runs;
    const full = createMemoryIdempotencyStore({ clock: createFixedClock(), capacity: 1 });
    await executeIdempotently(full, call("a", {}), handler);
    expect(await executeIdempotently(full, call("b", {}), handler)).toEqual({
      status: "full",
      reason: "idempotency_store_full",
    });
    const failure = new Error("ECONNREFUSED");
    const down: IdempotencyStore = {
      begin: async () => {
        throw failure;
      },
      complete: async () => undefined,
      fail: async () => undefined,
    };
    expect(await executeIdempotently(down, call("c", {}), handler)).toEqual({
      status: "unavailable",
      error: failure,
    });
    expect(runs).toBe(1);
  });

  it("returns the result of a call that ran even when recording it failed, and keeps the claim", async () => {
    const inner = createMemoryIdempotencyStore({ clock: createFixedClock(), waitMs: 0 });
    const failing: IdempotencyStore = {
      begin: (key, digest) => inner.begin(key, digest),
      complete: async () => {
        throw new Error("write timeout");
      },
      fail: (claim) => inner.fail(claim),
    };
    const outcome = await executeIdempotently(failing, call("k", {}), () => "side effect done");
    expect(outcome).toMatchObject({ status: "executed", result: "side effect done" });
    expect((outcome as { recordError?: Error }).recordError?.message).toBe("write timeout");
    expect(await executeIdempotently(failing, call("k", {}), () => "again")).toEqual({ status: "in_flight" });
  });

  it("reports the handler's error, not the store's, when releasing the key fails too", async () => {
    const inner = createMemoryIdempotencyStore({ clock: createFixedClock() });
    const store: IdempotencyStore = {
      begin: (key, digest) => inner.begin(key, digest),
      complete: (claim, result, completion) => inner.complete(claim, result, completion),
      fail: async () => {
        throw new Error("store down");
      },
    };
    const handler = () => {
      throw new Error("tool failed");
    };
    await expect(executeIdempotently(store, call("k", {}), handler)).rejects.toThrow("tool failed");
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses ttlMs %s before anything runs",
    async (ttlMs) => {
      const store = createMemoryIdempotencyStore({ clock: createFixedClock() });
      let runs = 0;
      try {
        await executeIdempotently(store, { key: "k", args: {}, ttlMs }, () => ++runs);
        expect.unreachable();
      } catch (error) {
        expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
      }
      expect(runs).toBe(0);
    },
  );
});
