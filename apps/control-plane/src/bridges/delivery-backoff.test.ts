import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, retryDelayMs } from "./delivery-backoff.js";

describe("retryDelayMs", () => {
  it("doubles from 1 s with jitter in [0.5, 1) and caps at 5 min", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.999))).toEqual([999, 1999, 3998, 7996]);
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(12, () => 0.999)).toBeLessThan(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1000, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });
});
