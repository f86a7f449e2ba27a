import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTimestamp } from "./iso-timestamp.js";

describe("isoTimestamp", () => {
  it("equals Date#toISOString for any representable time, fractional milliseconds included", () => {
    fc.assert(
      fc.property(fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });
  it("equals it across consecutive milliseconds and second boundaries", () => {
    const start = Date.UTC(2026, 10, 21, 23, 59, 59, 990);
    for (let ms = start; ms < start + 30; ms += 0.5)
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    expect(isoTimestamp(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(isoTimestamp(-1)).toBe("1969-12-31T23:59:59.999Z");
  });
  it("throws like Date for times out of range", () => {
    expect(() => isoTimestamp(8.64e15 + 1)).toThrow(RangeError);
    expect(() => isoTimestamp(Number.NaN)).toThrow(RangeError);
  });
});
