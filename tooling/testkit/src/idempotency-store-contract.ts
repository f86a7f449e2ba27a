import type { IdempotencyStore } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { createFixedClock, type FixedClock } from "./fixed-clock.js";
import { claimOf, describeIdempotencyStoreCapacity } from "./idempotency-store-capacity-contract.js";

/** What the contract suite asks a store factory for. */
export interface IdempotencyStoreContractOptions {
  /** The store's clock: TTLs are judged by it, never by wall time. */
  readonly clock: FixedClock;
  /** Records (claims and completed results) the store may hold. */
  readonly capacity: number;
  /** How long `begin` waits for a running call with the same key, in real milliseconds. */
  readonly waitMs: number;
}

/** Builds a fresh, empty store for one test. */
export type MakeIdempotencyStore = (
  options: IdempotencyStoreContractOptions,
) => IdempotencyStore<unknown> | Promise<IdempotencyStore<unknown>>;

export { claimOf };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The semantics every `IdempotencyStore` implements (in memory, Redis, …), as one vitest suite:
 * at most one run per key, replays for exactly the TTL given at completion, claims that never
 * expire or get evicted while their call runs, stale claims that change nothing, a bounded wait
 * for duplicates, and a full store that refuses new keys instead of forgetting old ones.
 *
 * @example
 * describeIdempotencyStoreContract("memory", (o) => createMemoryIdempotencyStore(o));
 */
export function describeIdempotencyStoreContract(name: string, makeStore: MakeIdempotencyStore): void {
  const open = async (overrides: Partial<IdempotencyStoreContractOptions> = {}) => {
    const clock = overrides.clock ?? createFixedClock();
    const store = await makeStore({ clock, capacity: 1000, waitMs: 0, ...overrides });
    return { store, clock };
  };

  describe(`IdempotencyStore contract: ${name}`, () => {
    it("claims a new key once, replays it for the same digest and conflicts for another", async () => {
      const { store } = await open();
      const claim = claimOf(await store.begin("k", "d1"));
      expect(claim.key).toBe("k");
      expect(await store.begin("k", "d2")).toEqual({ state: "conflict", reason: "idempotency_conflict" });
      await store.complete(claim, { n: 1 }, { ttlMs: HOUR });
      expect(await store.begin("k", "d1")).toEqual({ state: "replay", result: { n: 1 } });
      expect(await store.begin("k", "d2")).toEqual({ state: "conflict", reason: "idempotency_conflict" });
    });

    it("replays a copy: changing the completed or the replayed object leaves the record alone", async () => {
      const { store } = await open();
      const original = { n: 1, nested: { list: [1, 2] } };
      await store.complete(claimOf(await store.begin("k", "d")), original, { ttlMs: HOUR });
      original.nested.list.push(3);
      const replay = await store.begin("k", "d");
      if (replay.state !== "replay") throw new Error("expected a replay");
      (replay.result as { n: number }).n = 99;
      expect(await store.begin("k", "d")).toEqual({
        state: "replay",
        result: { n: 1, nested: { list: [1, 2] } },
      });
    });

    it("keeps a completed record for exactly the TTL given when it completed", async () => {
      const { store, clock } = await open();
      await store.complete(claimOf(await store.begin("day", "d")), "r", { ttlMs: DAY });
      await store.complete(claimOf(await store.begin("hour", "d")), "r", { ttlMs: HOUR });
      clock.advance(HOUR - 1);
      expect((await store.begin("hour", "d")).state).toBe("replay");
      clock.advance(1);
      expect((await store.begin("hour", "other")).state).toBe("new");
      clock.advance(DAY - HOUR - 1);
      expect((await store.begin("day", "d")).state).toBe("replay");
      clock.advance(1);
      expect((await store.begin("day", "d")).state).toBe("new");
    });

    it("never expires a claim while its call runs, however long that is", async () => {
      const { store, clock } = await open();
      const claim = claimOf(await store.begin("k", "d"));
      clock.advance(61_000);
      expect(await store.begin("k", "d")).toEqual({ state: "in_flight" });
      clock.advance(365 * DAY);
      expect(await store.begin("k", "d")).toEqual({ state: "in_flight" });
      expect((await store.begin("k", "other")).state).toBe("conflict");
      await store.complete(claim, "late", { ttlMs: HOUR });
      expect(await store.begin("k", "d")).toEqual({ state: "replay", result: "late" });
    });

    it("releases the key when the call fails, so that a retry claims it again", async () => {
      const { store } = await open();
      await store.fail(claimOf(await store.begin("k", "d")));
      expect((await store.begin("k", "other")).state).toBe("new");
    });

    it("ignores a stale claim: completing or failing it changes nothing once the key was claimed again", async () => {
      const { store } = await open();
      const stale = claimOf(await store.begin("k", "d"));
      await store.fail(stale);
      const current = claimOf(await store.begin("k", "d"));
      expect(current.token).not.toBe(stale.token);
      await store.complete(stale, "stale", { ttlMs: HOUR });
      await store.fail(stale);
      expect(await store.begin("k", "d")).toEqual({ state: "in_flight" });
      await store.complete(current, "current", { ttlMs: HOUR });
      await store.complete(current, "again", { ttlMs: HOUR });
      await store.fail(current);
      expect(await store.begin("k", "d")).toEqual({ state: "replay", result: "current" });
    });

    it("makes a duplicate wait for the running call's result, or hand over the key when it fails", async () => {
      const { store } = await open({ waitMs: 5000 });
      const first = claimOf(await store.begin("k", "d"));
      const waiting = store.begin("k", "d");
      await store.complete(first, "first result", { ttlMs: HOUR });
      expect(await waiting).toEqual({ state: "replay", result: "first result" });
      const again = claimOf(await store.begin("j", "d"));
      const handedOver = store.begin("j", "d");
      await store.fail(again);
      expect((await handedOver).state).toBe("new");
    });

    it("answers in_flight after the bounded wait", async () => {
      const { store } = await open({ waitMs: 20 });
      claimOf(await store.begin("k", "d"));
      const started = Date.now();
      expect(await store.begin("k", "d")).toEqual({ state: "in_flight" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(15);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it("treats keys as opaque strings", async () => {
      const { store } = await open();
      const keys = ["a|b", "a", "a|", "|a", "ключ 🔑", "x".repeat(2000), "__proto__", "constructor"];
      for (const key of keys) {
        await store.complete(claimOf(await store.begin(key, "d")), key, { ttlMs: HOUR });
      }
      for (const key of keys) expect(await store.begin(key, "d")).toEqual({ state: "replay", result: key });
    });
  });

  describeIdempotencyStoreCapacity(name, open);
}
