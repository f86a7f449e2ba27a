import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digitHints } from "./detectors/pii-scan.js";
import { passDigitHints, registerRequirement, requirementMet, scanNeedles } from "./keyword-index.js";
import { WORD_BOUNDARY as B } from "./literal-requirement.js";
import { requiredLiterals } from "./required-literals.js";
import { wordTable } from "./word-table.js";

describe("keyword index", () => {
  it("finds needles case-insensitively, overlapping and nested", () => {
    const curl = registerRequirement([["curl"]]);
    const both = registerRequirement([["she", "hers"]]);
    const neither = registerRequirement([["zebra"]]);
    const gen = scanNeedles("USHERS run CURL");
    expect(requirementMet(curl, gen)).toBe(true);
    expect(requirementMet(both, gen)).toBe(true);
    expect(requirementMet(neither, gen)).toBe(false);
  });
  it("requires every needle of a conjunction", () => {
    const req = registerRequirement([["alpha", "beta"]]);
    expect(requirementMet(req, scanNeedles("alpha only"))).toBe(false);
    expect(requirementMet(req, scanNeedles("beta and alpha"))).toBe(true);
  });
  it("forgets the previous string", () => {
    const req = registerRequirement([["gamma"]]);
    expect(requirementMet(req, scanNeedles("gamma"))).toBe(true);
    expect(requirementMet(req, scanNeedles("delta"))).toBe(false);
  });
  it("checks the whole of a needle longer than the automaton's prefix", () => {
    const req = registerRequirement([["accountkey="]]);
    expect(requirementMet(req, scanNeedles("your account balance, account key"))).toBe(false);
    expect(requirementMet(req, scanNeedles("Account accountKEY=abc"))).toBe(true);
    expect(requirementMet(req, scanNeedles("accountkey"))).toBe(false);
  });
  it("checks word boundaries around a needle at each occurrence", () => {
    const rm = registerRequirement([[`${B}rm`]]);
    const tar = registerRequirement([[`${B}tar${B}`]]);
    const longTail = registerRequirement([[`${B}accountkey${B}`]]);
    expect(requirementMet(rm, scanNeedles("confirm the form"))).toBe(false);
    expect(requirementMet(rm, scanNeedles("confirm, then rm -rf"))).toBe(true);
    expect(requirementMet(rm, scanNeedles("rm"))).toBe(true);
    expect(requirementMet(rm, scanNeedles("_rm x"))).toBe(false);
    expect(requirementMet(tar, scanNeedles("starting the tarball"))).toBe(false);
    expect(requirementMet(tar, scanNeedles("starting; TAR -xf"))).toBe(true);
    expect(requirementMet(tar, scanNeedles("é tar é"))).toBe(true);
    expect(requirementMet(longTail, scanNeedles("AccountKey1 and xaccountkey"))).toBe(false);
    expect(requirementMet(longTail, scanNeedles("AccountKey1 and accountkey=1"))).toBe(true);
  });
  it("never skips a regex that matches (boundary literals are necessary conditions)", () => {
    const regexes = [/\brm\s+-rf\b/, /\b(?:tar|zip)\b[^\n]*\/etc\//, /\bfor\s+\w+\s+in\b/, /-rf\b/];
    const texts = [
      "rm -rf /",
      "form -rf",
      "tar c /etc/x",
      "startar /etc/",
      "for x in y",
      "before x in",
      "a-rf_",
    ];
    for (const re of regexes) {
      const req = registerRequirement(requiredLiterals(re)!);
      for (const text of texts)
        if (re.test(text)) expect(requirementMet(req, scanNeedles(text)), `${re} on ${text}`).toBe(true);
    }
  });
  it("computes the same word table and digit hints as the standalone passes", () => {
    const texts = ["Call 555-123.4567 at 10.0.0.1, IBAN DE89 3704", "ünïcode wörds ×2 and\ttabs", "x", ""];
    for (const text of texts) {
      const alone = wordTable(`${text} `.slice(0, -1));
      const copy = { count: alone.count, starts: [...alone.starts.slice(0, alone.count)] };
      const hashes = [...alone.hashes.slice(0, alone.count)];
      const bigrams = [...alone.bigrams.slice(1, alone.count)];
      scanNeedles(text);
      expect(passDigitHints(text)).toBe(digitHints(text));
      const fused = wordTable(text);
      expect({ count: fused.count, starts: [...fused.starts.slice(0, fused.count)] }).toEqual(copy);
      expect([...fused.hashes.slice(0, fused.count)]).toEqual(hashes);
      expect([...fused.bigrams.slice(1, fused.count)]).toEqual(bigrams);
    }
    expect(passDigitHints("not scanned last")).toBe(-1);
  });
  it("computes the digit hints of the standalone pass on any mix of digits, separators and letters", () => {
    const alphabet = fc.constantFrom(..."0123456789 .()-aZ_é\n:+x".split(""));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join("")),
        (text) => {
          scanNeedles(text);
          expect(passDigitHints(text)).toBe(digitHints(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
