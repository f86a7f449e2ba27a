import { describe, expect, it } from "vitest";
import { formatUtc } from "./format-time.js";

describe("formatUtc", () => {
  it("formats an ISO time as zero-padded UTC", () => {
    expect(formatUtc("2026-01-01T01:02:03.456Z")).toBe("2026-01-01 01:02:03 UTC");
  });

  it("leaves a text that is not a date unchanged", () => {
    expect(formatUtc("soon")).toBe("soon");
  });
});
