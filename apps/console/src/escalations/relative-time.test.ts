import { describe, expect, it } from "vitest";
import { expiryText, formatDuration, instantOf, relativeTime } from "./relative-time.js";

const NOW = Date.parse("2026-01-01T12:00:00.000Z");
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;

describe("formatDuration", () => {
  it("counts down in the largest units that matter", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(42_900)).toBe("42 s");
    expect(formatDuration(4 * MIN + 30_000)).toBe("4 min");
    expect(formatDuration(60 * MIN)).toBe("1 h");
    expect(formatDuration(125 * MIN)).toBe("2 h 5 min");
    expect(formatDuration(24 * 60 * MIN)).toBe("1 d");
    expect(formatDuration((3 * 24 + 4) * 60 * MIN)).toBe("3 d 4 h");
  });

  it("treats a negative length as positive", () => {
    expect(formatDuration(-4 * MIN)).toBe("4 min");
  });
});

describe("instantOf", () => {
  it("reads ISO instants and refuses the rest", () => {
    expect(instantOf("2026-01-01T12:00:00.000Z")).toBe(NOW);
    expect(instantOf(null)).toBeUndefined();
    expect(instantOf(undefined)).toBeUndefined();
    expect(instantOf("")).toBeUndefined();
    expect(instantOf("soon")).toBeUndefined();
  });
});

describe("relativeTime", () => {
  it("says in, ago or just now", () => {
    expect(relativeTime(at(4 * MIN), NOW)).toBe("in 4 min");
    expect(relativeTime(at(-90_000), NOW)).toBe("1 min ago");
    expect(relativeTime(at(500), NOW)).toBe("just now");
    expect(relativeTime(at(30_000), NOW)).toBe("in 30 s");
  });

  it("has nothing to say of no instant", () => {
    expect(relativeTime(null, NOW)).toBeUndefined();
    expect(relativeTime("not a date", NOW)).toBeUndefined();
  });
});

describe("expiryText", () => {
  it("counts down while pending", () => {
    expect(expiryText("pending", at(4 * MIN + 59_000), NOW)).toBe("expires in 4 min");
    expect(expiryText("pending", at(12_000), NOW)).toBe("expires in 12 s");
    expect(expiryText("pending", at(0), NOW)).toBe("expires now");
    expect(expiryText("pending", at(-10_000), NOW)).toBe("expiry due 10 s ago");
  });

  it("says when an expired one expired", () => {
    expect(expiryText("expired", at(-3 * MIN), NOW)).toBe("expired 3 min ago");
  });

  it("says nothing of a decided escalation or of no expiry", () => {
    expect(expiryText("approved", at(4 * MIN), NOW)).toBeUndefined();
    expect(expiryText("rejected", at(-4 * MIN), NOW)).toBeUndefined();
    expect(expiryText("pending", null, NOW)).toBeUndefined();
  });
});
