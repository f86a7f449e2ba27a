import { describe, expect, it } from "vitest";
import { decisionTone } from "./badge-tone.js";

describe("decisionTone", () => {
  it("tones the three decisions and leaves the rest neutral", () => {
    expect(decisionTone("allow")).toBe("ok");
    expect(decisionTone("deny")).toBe("bad");
    expect(decisionTone("escalate")).toBe("warn");
    expect(decisionTone("shadow")).toBe("neutral");
    expect(decisionTone(null)).toBe("neutral");
  });
});
