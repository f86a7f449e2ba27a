import { describe, expect, it } from "vitest";
import { checkTone, verdictBadge } from "./verdict-badge.js";

describe("verdictBadge", () => {
  it("maps each status to its text and tone", () => {
    expect(verdictBadge("valid")).toEqual({ text: "verified", tone: "ok" });
    expect(verdictBadge("invalid")).toEqual({ text: "failed", tone: "bad" });
    expect(verdictBadge("unattested")).toEqual({ text: "unattested", tone: "warn" });
  });

  it("says not checked before a verification", () => {
    expect(verdictBadge(undefined)).toEqual({ text: "not checked", tone: "neutral" });
  });
});

describe("checkTone", () => {
  it("marks failed checks bad and absent ones neutral", () => {
    expect(checkTone("ok")).toBe("ok");
    expect(checkTone("failed")).toBe("bad");
    expect(checkTone("none")).toBe("neutral");
  });
});
