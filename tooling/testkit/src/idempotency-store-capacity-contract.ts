import type { IdempotencyBegin, IdempotencyClaim, IdempotencyStore } from "@sec0/core";
import { describe, expect, it } from "vitest";
import type { FixedClock } from "./fixed-clock.js";

type Open = (overrides?: {
  readonly capacity?: number;
}) => Promise<{ readonly store: IdempotencyStore<unknown>; readonly clock: FixedClock }>;

const HOUR = 3_600_000;
const FULL = { state: "full", reason: "idempotency_store_full" } as const;

/** The claim of a `begin` that must have answered `new` (throws otherwise). */
export function claimOf(answer: IdempotencyBegin<unknown>): IdempotencyClaim {
  if (answer.state !== "new") throw new Error(`expected a new claim, got ${JSON.stringify(answer)}`);
  return answer.claim;
}

/**
 * The capacity half of the store contract: a full store refuses new keys (`full`) and never
 * evicts a claim or a record within its TTL; only records past their TTL make room.
 */
export function describeIdempotencyStoreCapacity(name: string, open: Open): void {
  describe(`IdempotencyStore contract: ${name}, when full`, () => {
    it("refuses a new key, and still answers replays, conflicts and running calls", async () => {
      const { store } = await open({ capacity: 3 });
      await store.complete(claimOf(await store.begin("done", "d")), "r", { ttlMs: HOUR });
      await store.complete(claimOf(await store.begin("done2", "d")), "r2", { ttlMs: HOUR });
      claimOf(await store.begin("running", "d"));
      expect(await store.begin("new", "d")).toEqual(FULL);
      expect(await store.begin("done", "d")).toEqual({ state: "replay", result: "r" });
      expect((await store.begin("done", "x")).state).toBe("conflict");
      expect(await store.begin("running", "d")).toEqual({ state: "in_flight" });
    });

    it("keeps every completed record and claim while 10,000 other keys arrive", async () => {
      const { store } = await open({ capacity: 10_000 });
      await store.complete(claimOf(await store.begin("a", "d")), "a", { ttlMs: HOUR });
      const running = claimOf(await store.begin("b", "d"));
      const answers = new Map<string, number>();
      for (let i = 0; i < 10_000; i++) {
        const answer = await store.begin(`other-${i}`, "d");
        answers.set(answer.state, (answers.get(answer.state) ?? 0) + 1);
        if (answer.state === "new") await store.complete(answer.claim, i, { ttlMs: HOUR });
      }
      expect(Object.fromEntries(answers)).toEqual({ new: 9998, full: 2 });
      expect(await store.begin("a", "d")).toEqual({ state: "replay", result: "a" });
      expect(await store.begin("b", "d")).toEqual({ state: "in_flight" });
      await store.complete(running, "b", { ttlMs: HOUR });
      expect(await store.begin("b", "d")).toEqual({ state: "replay", result: "b" });
    });

    it("frees the slot of a failed call", async () => {
      const { store } = await open({ capacity: 1 });
      const claim = claimOf(await store.begin("k", "d"));
      expect(await store.begin("j", "d")).toEqual(FULL);
      await store.fail(claim);
      expect((await store.begin("j", "d")).state).toBe("new");
    });

    it("makes room from completed records past their TTL, never from running calls", async () => {
      const { store, clock } = await open({ capacity: 3 });
      await store.complete(claimOf(await store.begin("short", "d")), "s", { ttlMs: 1000 });
      await store.complete(claimOf(await store.begin("long", "d")), "l", { ttlMs: 10 * HOUR });
      claimOf(await store.begin("running", "d"));
      expect(await store.begin("new-1", "d")).toEqual(FULL);
      clock.advance(1000);
      expect((await store.begin("new-1", "d")).state).toBe("new");
      expect(await store.begin("new-2", "d")).toEqual(FULL);
      expect(await store.begin("running", "d")).toEqual({ state: "in_flight" });
      expect(await store.begin("long", "d")).toEqual({ state: "replay", result: "l" });
    });
  });
}
