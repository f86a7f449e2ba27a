import { describe, expect, it } from "vitest";
import { formatBytes, formatTime, shortId } from "./format-evidence.js";

describe("formatBytes", () => {
  it("uses binary units above a KiB", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(2 * 1024 * 1024)).toBe("2.0 MiB");
  });
});

describe("formatTime", () => {
  it("shortens an ISO instant and keeps it UTC", () => {
    expect(formatTime("2025-01-02T03:04:05.678Z")).toBe("2025-01-02 03:04:05Z");
    expect(formatTime("2025-01-02T04:04:05+01:00")).toBe("2025-01-02 03:04:05Z");
  });

  it("shows a dash for no time and an unparseable one as sent", () => {
    expect(formatTime(null)).toBe("—");
    expect(formatTime("not a time")).toBe("not a time");
  });
});

describe("shortId", () => {
  it("cuts long ids only", () => {
    expect(shortId("abc", 8)).toBe("abc");
    expect(shortId("abababababab", 8)).toBe("abababab…");
  });
});
