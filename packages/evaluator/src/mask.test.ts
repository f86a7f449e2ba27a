import { describe, expect, it } from "vitest";
import { excerpt, maskMiddle } from "./mask.js";

describe("maskMiddle", () => {
  it("never shows the whole secret and keeps at most a third", () => {
    const secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    const m = maskMiddle(secret);
    expect(m).not.toContain(secret.slice(4, 30));
    expect(m.replace(/\*/g, "").length).toBeLessThanOrEqual(secret.length / 3);
    expect(m.startsWith("ghp_")).toBe(true);
  });
  it("masks short values entirely", () => expect(maskMiddle("abc123")).toBe("******"));
});

describe("excerpt", () => {
  it("masks a sensitive match and keeps context on one line", () => {
    const text = "line one\nkey=AKIAIOSFODNN7ABCDEFG and more";
    const start = text.indexOf("AKIA");
    const e = excerpt(text, start, start + 20, true);
    expect(e).not.toContain("AKIAIOSFODNN7ABCDEFG");
    expect(e).toContain("key=");
    expect(e).not.toContain("\n");
  });
});
