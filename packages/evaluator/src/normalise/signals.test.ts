import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEXT_PIECES } from "./__fixtures__/text-pieces.js";
import { findEncodedRuns } from "./find-encoded-runs.js";
import { HAS_ENCODED_RUN, HAS_LEET_TOKENS, HAS_NON_ASCII, scanSignals } from "./signals.js";
import { matchingViews } from "./views.js";

describe("scanSignals", () => {
  it("names each reason a string may need views", () => {
    expect(scanSignals("Just a normal sentence, 42 times, at 10am!", 24, false)).toBe(0);
    expect(scanSignals("café, naïve façade — “quoted”", 24, false)).toBe(0);
    expect(scanSignals("ｃａｆｅ", 24, false)).toBe(HAS_NON_ASCII);
    expect(scanSignals("p\u0430ypal", 24, false)).toBe(HAS_NON_ASCII);
    expect(scanSignals("Отчёт за квартал", 24, false)).toBe(0);
    expect(scanSignals("ig\u200bnore", 24, false)).toBe(HAS_NON_ASCII);
    expect(scanSignals("v2 x86_64 user123 +0000 sha256", 24, false)).toBe(0);
    expect(scanSignals("pr0mpt 1gn0r3", 24, false)).toBe(HAS_LEET_TOKENS);
    expect(scanSignals("p@ssw0rd and s3cret", 24, false)).toBe(HAS_LEET_TOKENS);
    expect(scanSignals("hello@mercury.com and noreply@example.org", 24, false)).toBe(0);
    expect(scanSignals("%41%42%43", 24, false)).toBe(HAS_ENCODED_RUN);
    expect(scanSignals("\\x41".repeat(16), 24, false) & HAS_ENCODED_RUN).toBe(HAS_ENCODED_RUN);
    expect(scanSignals("41 ".repeat(16), 24, false)).toBe(HAS_ENCODED_RUN);
    expect(scanSignals("QUJDREVGR0hJSktMTU5PUFFSU1RV", 24, false)).toBe(HAS_ENCODED_RUN);
    expect(scanSignals("QUJDREVGR0hJSktMTU5PUFFSU1RV", 40, false)).toBe(0);
    expect(scanSignals("ｅ QUJDREVGR0hJSktMTU5PUFFSU1RV", 24, true)).toBe(HAS_NON_ASCII);
  });

  it("sets a bit whenever the matching builder would find something (leet: is the gate of the leet view)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 150 }), (parts) => {
        const text = parts.join("");
        const signals = scanSignals(text, 24, false);
        // The leet signal is stricter than the fold (digits between letters only, short tokens):
        // it decides whether a leet view is built at all.
        if ((signals & HAS_LEET_TOKENS) === 0) {
          expect(matchingViews(text).some((v) => v.transforms.includes("leet"))).toBe(false);
        }
        if (findEncodedRuns(text, 24).length > 0) expect(signals & HAS_ENCODED_RUN).not.toBe(0);
      }),
      { numRuns: 1500, seed: 11 },
    );
  });
});
