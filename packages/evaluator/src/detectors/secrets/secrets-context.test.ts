import { describe, expect, it } from "vitest";
import { CONTEXT_HINT, CONTEXT_HINT_WORDS, secretsDetector } from "./secrets.js";

describe("secrets context hint", () => {
  it("lists only words that make the hint regex match on their own", () => {
    for (const w of CONTEXT_HINT_WORDS) {
      expect(CONTEXT_HINT.test(w)).toBe(true);
      expect(CONTEXT_HINT.test(w.toUpperCase())).toBe(true);
    }
  });

  it("still finds an assigned secret when the hint comes from a listed word", () => {
    const found = secretsDetector.detect('config: TOKEN = "q8Z2kLw9Xv4Rb7Tn1Mp3"');
    expect(found.map((m) => m.kind)).toContain("secrets.generic_high_entropy");
  });
});
