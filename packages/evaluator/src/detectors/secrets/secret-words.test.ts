import { describe, expect, it } from "vitest";
import { SECRET_WORDS, UNHINTED_SECRET_WORDS } from "./secret-words.js";
import { secretsDetector } from "./secrets.js";

/** A name the fragment matches: `api[_-]?key` → `api_key`, `passw(?:or)?d` → `password`. */
const nameOf = (fragment: string) =>
  fragment.replaceAll("[_-]?", "_").replaceAll("(?:or)?", "or").replaceAll("s?", "s");

describe("secret words", () => {
  it("finds a random value assigned to every listed name the pre-check looks for", () => {
    for (const word of SECRET_WORDS) {
      const kinds = secretsDetector.detect(`${nameOf(word)} = "q8Z2kLw9Xv4Rb7Tn1Mp3"`).map((m) => m.kind);
      if (UNHINTED_SECRET_WORDS.has(word)) expect(kinds, word).toEqual([]);
      else expect(kinds, word).toContain("secrets.generic_high_entropy");
    }
  });
});
