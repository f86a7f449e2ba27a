import { isSec0Error } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createCircuitBreaker, percentile95 } from "./circuit-breaker.js";

const TOOL = "write@1.0";

function feed(
  breaker: ReturnType<typeof createCircuitBreaker>,
  count: number,
  outcome: { ok: boolean; latencyMs: number },
): void {
  for (let i = 0; i < count; i += 1) {
    expect(breaker.check(TOOL).allowed).toBe(true);
    breaker.record(TOOL, outcome);
  }
}

describe("percentile95", () => {
  it("uses the nearest rank ceil(0.95 n), one above 0.2.3's floor(0.95 n) - 1 when 0.95 n is fractional", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => i + 1); // 1..30
    // ceil(28.5) = 29th value = 29; 0.2.3 took index 27 = 28.
    expect(percentile95(thirty)).toBe(29);
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile95(twenty)).toBe(190);
    expect(percentile95([5, 1, 3])).toBe(5);
    expect(percentile95([])).toBe(0);
  });
});

describe("createCircuitBreaker", () => {
  it("stays closed below min_samples even when every call fails", () => {
    const breaker = createCircuitBreaker(
      { error_rate_pct: 50, min_samples: 20 },
      { clock: createFixedClock() },
    );
    feed(breaker, 19, { ok: false, latencyMs: 1 });
    expect(breaker.check(TOOL)).toEqual({ allowed: true });
    expect(breaker.inspect(TOOL)).toMatchObject({ state: "closed", samples: 19, errorRatePct: 100 });
  });

  it("opens at the error rate, refuses with the remaining cooldown, then lets one trial through", () => {
    const clock = createFixedClock();
    const breaker = createCircuitBreaker(
      { error_rate_pct: 50, min_samples: 4, cooldown_ms: 1000 },
      { clock },
    );
    feed(breaker, 2, { ok: true, latencyMs: 5 });
    feed(breaker, 2, { ok: false, latencyMs: 5 });
    expect(breaker.inspect(TOOL).state).toBe("open");
    expect(breaker.check(TOOL)).toEqual({ allowed: false, retryAfterMs: 1000 });
    clock.advance(400);
    expect(breaker.check(TOOL)).toEqual({ allowed: false, retryAfterMs: 600 });
    clock.advance(600);
    expect(breaker.check(TOOL)).toEqual({ allowed: true });
    expect(breaker.inspect(TOOL).state).toBe("half-open");
    // Only one trial: a second caller is refused while it runs.
    expect(breaker.check(TOOL).allowed).toBe(false);
  });

  it("closes with a fresh window when the half-open trial succeeds", () => {
    const clock = createFixedClock();
    const breaker = createCircuitBreaker({ error_rate_pct: 50, min_samples: 2, cooldown_ms: 100 }, { clock });
    feed(breaker, 2, { ok: false, latencyMs: 1 });
    clock.advance(100);
    expect(breaker.check(TOOL).allowed).toBe(true);
    breaker.record(TOOL, { ok: true, latencyMs: 1 });
    expect(breaker.inspect(TOOL)).toMatchObject({ state: "closed", samples: 0 });
    // One more failure alone is below min_samples: the old failures are gone.
    feed(breaker, 1, { ok: false, latencyMs: 1 });
    expect(breaker.inspect(TOOL).state).toBe("closed");
  });

  it("re-opens for a full cooldown when the half-open trial fails", () => {
    const clock = createFixedClock();
    const breaker = createCircuitBreaker({ error_rate_pct: 50, min_samples: 2, cooldown_ms: 100 }, { clock });
    feed(breaker, 2, { ok: false, latencyMs: 1 });
    clock.advance(150);
    expect(breaker.check(TOOL).allowed).toBe(true);
    breaker.record(TOOL, { ok: false, latencyMs: 1 });
    expect(breaker.inspect(TOOL).state).toBe("open");
    expect(breaker.check(TOOL)).toEqual({ allowed: false, retryAfterMs: 100 });
  });

  it("lets a new trial through when the previous trial never reported back", () => {
    const clock = createFixedClock();
    const breaker = createCircuitBreaker({ error_rate_pct: 50, min_samples: 2, cooldown_ms: 100 }, { clock });
    feed(breaker, 2, { ok: false, latencyMs: 1 });
    clock.advance(100);
    expect(breaker.check(TOOL).allowed).toBe(true);
    clock.advance(99);
    expect(breaker.check(TOOL)).toEqual({ allowed: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(breaker.check(TOOL).allowed).toBe(true);
  });

  it("opens on p95 latency and treats p95_latency_ms 0 as disabled", () => {
    const slow = createCircuitBreaker(
      { p95_latency_ms: 200, min_samples: 20 },
      { clock: createFixedClock() },
    );
    feed(slow, 18, { ok: true, latencyMs: 10 });
    feed(slow, 2, { ok: true, latencyMs: 500 }); // 2 of 20 slow: p95 is rank 19 = 500
    expect(slow.inspect(TOOL).state).toBe("open");

    const disabled = createCircuitBreaker(
      { p95_latency_ms: 0, min_samples: 5 },
      { clock: createFixedClock() },
    );
    feed(disabled, 10, { ok: true, latencyMs: 10_000 });
    expect(disabled.inspect(TOOL).state).toBe("closed");
  });

  it("does not trip on a zero error threshold without errors (0.2.3 opened after 20 calls)", () => {
    const breaker = createCircuitBreaker(
      { error_rate_pct: 0, p95_latency_ms: 0 },
      { clock: createFixedClock() },
    );
    feed(breaker, 40, { ok: true, latencyMs: 3 });
    expect(breaker.inspect(TOOL).state).toBe("closed");
    breaker.record(TOOL, { ok: false, latencyMs: 3 });
    expect(breaker.inspect(TOOL).state).toBe("open");
  });

  it("looks only at the last `window` calls", () => {
    const breaker = createCircuitBreaker(
      { error_rate_pct: 50, min_samples: 4, window: 4 },
      { clock: createFixedClock() },
    );
    feed(breaker, 1, { ok: false, latencyMs: 1 });
    feed(breaker, 10, { ok: true, latencyMs: 1 });
    expect(breaker.inspect(TOOL)).toMatchObject({ samples: 4, errorRatePct: 0 });
  });

  it("keeps tools apart", () => {
    const breaker = createCircuitBreaker(
      { error_rate_pct: 50, min_samples: 2 },
      { clock: createFixedClock() },
    );
    feed(breaker, 2, { ok: false, latencyMs: 1 });
    expect(breaker.check(TOOL).allowed).toBe(false);
    expect(breaker.check("read@1.0").allowed).toBe(true);
  });

  it("ignores late records from calls that started before the breaker opened", () => {
    const clock = createFixedClock();
    const breaker = createCircuitBreaker({ error_rate_pct: 50, min_samples: 2, cooldown_ms: 100 }, { clock });
    feed(breaker, 2, { ok: false, latencyMs: 1 });
    breaker.record(TOOL, { ok: true, latencyMs: 1 });
    expect(breaker.inspect(TOOL).state).toBe("open");
  });

  it("rejects invalid configuration naming the field", () => {
    try {
      createCircuitBreaker({ error_rate_pct: 150 });
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
      expect((error as Error).message).toContain("error_rate_pct");
    }
    expect(() => createCircuitBreaker({ cooldown_ms: -1 })).toThrow(/cooldown_ms/);
  });
});
