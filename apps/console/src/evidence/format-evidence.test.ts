import { describe, expect, it } from "vitest";
import { formatBytes, shortId } from "./format-evidence.js";

describe("formatBytes", () => {
  it("uses binary units above a KiB", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(2 * 1024 * 1024)).toBe("2.0 MiB");
  });
});

describe("shortId", () => {
  it("cuts long ids only", () => {
    expect(shortId("abc", 8)).toBe("abc");
    expect(shortId("abababababab", 8)).toBe("abababab…");
  });
});
