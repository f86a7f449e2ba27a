import { describe, expect, it } from "vitest";
import { isDuration, parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it.each([
    ["30d", 30 * 86_400_000],
    ["12h", 43_200_000],
    ["500ms", 500],
    ["1h30m", 5_400_000],
    ["1.5s", 1500],
    ["2w", 1_209_600_000],
    [" 10S ", 10_000],
  ])("%s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "30", "30 days", "d", "1x", "-5s", "1h 30m"])("rejects %j", (text) => {
    expect(isDuration(text)).toBe(false);
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: "POLICY_DURATION_INVALID" }));
  });

  it("takes numbers as milliseconds", () => {
    expect(parseDuration(250)).toBe(250);
    expect(() => parseDuration(-1)).toThrow();
  });
});
