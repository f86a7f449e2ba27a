import type { QuotaRule, QuotaStore, QuotaVerdict } from "@sec0/core";
import { describe, expect, it } from "vitest";

/** A fresh, empty store for one test, with a way to let time pass on its clock. */
export interface QuotaStoreHarness {
  readonly store: QuotaStore;
  /** Lets `ms` pass on the store's clock: advances a fixed clock, or sleeps (with a small margin). */
  pass(ms: number): Promise<void>;
  /** Now on the store's clock, in epoch ms (for a real clock, this process's wall clock). */
  now(): number;
  /** True for a fixed clock: the cases that need a whole day to pass run only then. */
  readonly isFixedClock: boolean;
  /** Called after the test (delete keys, close clients). */
  cleanup?(): Promise<void>;
}

/** Builds a fresh, empty store for one test. */
export type MakeQuotaStore = () => QuotaStoreHarness | Promise<QuotaStoreHarness>;

const DAY = 86_400_000;

/**
 * The semantics every `QuotaStore` implements (in memory, Redis, …), as one vitest suite: GCRA
 * bursts and refill, daily counts that start over at UTC midnight, rate checked before daily, a
 * refused call that consumes nothing from any rule, the tightest rule of each kind reported, and
 * exactly the burst allowed under 200 concurrent calls. Rates are slow enough for a real clock.
 *
 * @example
 * describeQuotaStoreContract("memory", () => {
 *   const clock = createFixedClock();
 *   return { store: createMemoryQuotaStore({ clock }), pass: async (ms) => clock.advance(ms), now: clock.now, isFixedClock: true };
 * });
 */
export function describeQuotaStoreContract(name: string, make: MakeQuotaStore): void {
  const withStore = (run: (harness: QuotaStoreHarness) => Promise<void>) => async () => {
    const harness = await make();
    try {
      await run(harness);
    } finally {
      await harness.cleanup?.();
    }
  };

  describe(`QuotaStore contract: ${name}`, () => {
    it(
      "allows a burst, then refuses with retryAfterMs and nothing remaining",
      withStore(async ({ store }) => {
        const rule = { key: "a", ratePerSec: 2, burst: 5 };
        const remaining: number[] = [];
        for (let i = 0; i < 5; i++) remaining.push(allowed(await store.consume([rule])).rate!.remaining);
        expect(remaining).toEqual([4, 3, 2, 1, 0]);
        const refused = refusedBy(await store.consume([rule]), "a", "rate_limited");
        expect(refused.retryAfterMs).toBeGreaterThanOrEqual(1);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(500);
        expect(refused.rate).toMatchObject({ limit: 5, remaining: 0, windowSec: 3 });
        expect(refused.rate!.resetMs).toBeGreaterThan(2000);
        expect(refused.rate!.resetMs).toBeLessThanOrEqual(2500);
      }),
    );

    it(
      "refills at the sustained rate, never beyond the burst",
      withStore(async ({ store, pass }) => {
        const rule = { key: "r", ratePerSec: 10, burst: 2 };
        allowed(await store.consume([rule]));
        allowed(await store.consume([rule]));
        const refused = refusedBy(await store.consume([rule]), "r", "rate_limited");
        expect(refused.retryAfterMs).toBeLessThanOrEqual(100);
        await pass(refused.retryAfterMs);
        allowed(await store.consume([rule]));
        refusedBy(await store.consume([rule]), "r", "rate_limited");
        await pass(1000);
        expect(allowed(await store.consume([rule])).rate!.remaining).toBe(1);
        allowed(await store.consume([rule]));
        refusedBy(await store.consume([rule]), "r", "rate_limited");
      }),
    );

    it(
      "defaults the burst to max(1, ceil(ratePerSec))",
      withStore(async ({ store }) => {
        const fast = { key: "fast", ratePerSec: 2.5 };
        for (let i = 0; i < 3; i++) allowed(await store.consume([fast]));
        refusedBy(await store.consume([fast]), "fast", "rate_limited");
        const slow = { key: "slow", ratePerSec: 0.5 };
        expect(allowed(await store.consume([slow])).rate).toMatchObject({
          limit: 1,
          remaining: 0,
          windowSec: 2,
        });
        refusedBy(await store.consume([slow]), "slow", "rate_limited");
      }),
    );

    it(
      "counts calls per UTC day and says when the count starts over",
      withStore(async ({ store, now, pass, isFixedClock }) => {
        const rule = { key: "d", perDay: 3 };
        const midnight = (Math.floor(now() / DAY) + 1) * DAY;
        for (const left of [2, 1, 0]) {
          expect(allowed(await store.consume([rule])).daily).toEqual({
            limit: 3,
            remaining: left,
            resetAt: midnight,
          });
        }
        const refused = refusedBy(await store.consume([rule]), "d", "quota_exceeded");
        expect(refused.daily).toEqual({ limit: 3, remaining: 0, resetAt: midnight });
        expect(Math.abs(refused.retryAfterMs - (midnight - now()))).toBeLessThan(2000);
        expect(refused.retryAfterMs).toBeGreaterThanOrEqual(1);
        if (!isFixedClock) return;
        await pass(midnight - now() - 1);
        refusedBy(await store.consume([rule]), "d", "quota_exceeded");
        await pass(1);
        expect(allowed(await store.consume([rule])).daily).toEqual({
          limit: 3,
          remaining: 2,
          resetAt: midnight + DAY,
        });
      }),
    );

    it(
      "checks the rate before the daily count",
      withStore(async ({ store }) => {
        const rule = { key: "both", ratePerSec: 1, burst: 1, perDay: 1 };
        allowed(await store.consume([rule]));
        refusedBy(await store.consume([rule]), "both", "rate_limited");
        const daily = { key: "day-first", ratePerSec: 1, burst: 5, perDay: 1 };
        allowed(await store.consume([daily]));
        refusedBy(await store.consume([daily]), "day-first", "quota_exceeded");
      }),
    );

    it(
      "consumes nothing from any rule when one rule refuses",
      withStore(async ({ store }) => {
        const wide = { key: "wide", ratePerSec: 1, burst: 3 };
        const narrow = { key: "narrow", ratePerSec: 1, burst: 1 };
        allowed(await store.consume([wide, narrow]));
        refusedBy(await store.consume([wide, narrow]), "narrow", "rate_limited");
        refusedBy(await store.consume([narrow, wide]), "narrow", "rate_limited");
        expect(allowed(await store.consume([wide])).rate!.remaining).toBe(1);
        expect(allowed(await store.consume([wide])).rate!.remaining).toBe(0);
        refusedBy(await store.consume([wide]), "wide", "rate_limited");

        const many = { key: "many", perDay: 5 };
        const once = { key: "once", perDay: 1 };
        allowed(await store.consume([many, once]));
        for (let i = 0; i < 3; i++) refusedBy(await store.consume([many, once]), "once", "quota_exceeded");
        const left = [];
        for (let i = 0; i < 4; i++) left.push(allowed(await store.consume([many])).daily!.remaining);
        expect(left).toEqual([3, 2, 1, 0]);
      }),
    );

    it(
      "takes from several rules at once and reports the tightest of each kind",
      withStore(async ({ store }) => {
        const rules: QuotaRule[] = [
          { key: "t|wide", ratePerSec: 1, burst: 10 },
          { key: "t|narrow", ratePerSec: 1, burst: 2 },
          { key: "t|day-wide", perDay: 100 },
          { key: "t|day-narrow", perDay: 10, ratePerSec: 1, burst: 4 },
        ];
        const first = allowed(await store.consume(rules));
        expect(first.rate).toMatchObject({ limit: 2, remaining: 1 });
        expect(first.daily).toMatchObject({ limit: 10, remaining: 9 });
        const second = allowed(await store.consume(rules));
        expect(second.rate).toMatchObject({ limit: 2, remaining: 0 });
        const third = refusedBy(await store.consume(rules), "t|narrow", "rate_limited");
        expect(third.rate).toMatchObject({ limit: 2, remaining: 0 });
        expect(third.daily).toMatchObject({ limit: 10, remaining: 8 });
        expect(allowed(await store.consume([rules[0]!])).rate).toMatchObject({ limit: 10, remaining: 7 });
      }),
    );

    it(
      "allows exactly the burst when 200 calls arrive at once",
      withStore(async ({ store }) => {
        const rule = { key: "crowd", ratePerSec: 1, burst: 50, perDay: 1000 };
        const verdicts = await Promise.all(Array.from({ length: 200 }, () => store.consume([rule])));
        expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(50);
        const refused = verdicts.filter((verdict) => !verdict.allowed);
        expect(
          refused.every((verdict) => verdict.reason === "rate_limited" && verdict.rule === "crowd"),
        ).toBe(true);
        expect(allowed(await store.consume([{ key: "crowd", perDay: 1000 }])).daily!.remaining).toBe(949);
      }),
    );

    it(
      "allows a call with no rules, and treats keys as opaque",
      withStore(async ({ store }) => {
        expect(await store.consume([])).toEqual({ allowed: true });
        for (const key of ["a|b", "a", "a|", "ключ 🔑", "__proto__", "x".repeat(1000)]) {
          expect(allowed(await store.consume([{ key, perDay: 1 }])).daily!.remaining).toBe(0);
        }
      }),
    );
  });
}

function allowed(verdict: QuotaVerdict): Extract<QuotaVerdict, { allowed: true }> {
  if (!verdict.allowed) throw new Error(`expected an allowed call, got ${JSON.stringify(verdict)}`);
  return verdict;
}

function refusedBy(
  verdict: QuotaVerdict,
  rule: string,
  reason: "rate_limited" | "quota_exceeded",
): Extract<QuotaVerdict, { allowed: false }> {
  if (verdict.allowed) throw new Error(`expected a refusal by ${rule}, got ${JSON.stringify(verdict)}`);
  expect({ rule: verdict.rule, reason: verdict.reason }).toEqual({ rule, reason });
  return verdict;
}
