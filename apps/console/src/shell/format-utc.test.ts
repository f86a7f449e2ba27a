import { describe, expect, it } from "vitest";
import { formatUtc } from "./format-utc.js";

describe("formatUtc", () => {
  it("formats an instant as zero-padded UTC, whatever its offset", () => {
    expect(formatUtc("2026-01-01T01:02:03.456Z")).toBe("2026-01-01 01:02:03 UTC");
    expect(formatUtc("2026-01-01T13:04:00+01:00")).toBe("2026-01-01 12:04:00 UTC");
  });

  it("leaves a text that is not a date unchanged, and shows a dash for none", () => {
    expect(formatUtc("soon")).toBe("soon");
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc(undefined)).toBe("—");
    expect(formatUtc("")).toBe("—");
  });
});
