import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digitHints } from "./detectors/pii/pii-scan.js";
import { registerRequirement } from "./keyword-index.js";
import { WORD_BOUNDARY as B } from "./literal-requirement.js";
import { requiredLiterals } from "./required-literals.js";
import { createStringScan, fillStringScan, requirementMet, stringScanFor } from "./string-scan.js";
import { wordTable } from "./word-table.js";

describe("keyword index", () => {
  it("finds needles case-insensitively, overlapping and nested", () => {
    const curl = registerRequirement([["curl"]]);
    const both = registerRequirement([["she", "hers"]]);
    const neither = registerRequirement([["zebra"]]);
    const gen = stringScanFor("USHERS run CURL");
    expect(requirementMet(curl, gen)).toBe(true);
    expect(requirementMet(both, gen)).toBe(true);
    expect(requirementMet(neither, gen)).toBe(false);
  });
  it("requires every needle of a conjunction", () => {
    const req = registerRequirement([["alpha", "beta"]]);
    expect(requirementMet(req, stringScanFor("alpha only"))).toBe(false);
    expect(requirementMet(req, stringScanFor("beta and alpha"))).toBe(true);
  });
  it("forgets the previous string", () => {
    const req = registerRequirement([["gamma"]]);
    expect(requirementMet(req, stringScanFor("gamma"))).toBe(true);
    expect(requirementMet(req, stringScanFor("delta"))).toBe(false);
  });
  it("checks the whole of a needle longer than the automaton's prefix", () => {
    const req = registerRequirement([["accountkey="]]);
    expect(requirementMet(req, stringScanFor("your account balance, account key"))).toBe(false);
    expect(requirementMet(req, stringScanFor("Account accountKEY=abc"))).toBe(true);
    expect(requirementMet(req, stringScanFor("accountkey"))).toBe(false);
  });
  it("checks word boundaries around a needle at each occurrence", () => {
    const rm = registerRequirement([[`${B}rm`]]);
    const tar = registerRequirement([[`${B}tar${B}`]]);
    const longTail = registerRequirement([[`${B}accountkey${B}`]]);
    expect(requirementMet(rm, stringScanFor("confirm the form"))).toBe(false);
    expect(requirementMet(rm, stringScanFor("confirm, then rm -rf"))).toBe(true);
    expect(requirementMet(rm, stringScanFor("rm"))).toBe(true);
    expect(requirementMet(rm, stringScanFor("_rm x"))).toBe(false);
    expect(requirementMet(tar, stringScanFor("starting the tarball"))).toBe(false);
    expect(requirementMet(tar, stringScanFor("starting; TAR -xf"))).toBe(true);
    expect(requirementMet(tar, stringScanFor("é tar é"))).toBe(true);
    expect(requirementMet(longTail, stringScanFor("AccountKey1 and xaccountkey"))).toBe(false);
    expect(requirementMet(longTail, stringScanFor("AccountKey1 and accountkey=1"))).toBe(true);
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
        if (re.test(text)) expect(requirementMet(req, stringScanFor(text)), `${re} on ${text}`).toBe(true);
    }
  });
  it("computes the same word table and digit hints as the standalone passes", () => {
    const texts = ["Call 555-123.4567 at 10.0.0.1, IBAN DE89 3704", "ünïcode wörds ×2 and\ttabs", "x", ""];
    // One reused value, refilled string after string, as `scanValue` does.
    const scan = createStringScan();
    for (const text of texts) {
      const alone = wordTable(text);
      fillStringScan(scan, text);
      expect(scan.digitHints).toBe(digitHints(text));
      const fused = scan.words;
      expect(fused.text).toBe(text);
      expect({ count: fused.count, starts: [...fused.starts.slice(0, fused.count)] }).toEqual({
        count: alone.count,
        starts: [...alone.starts.slice(0, alone.count)],
      });
      expect([...fused.hashes.slice(0, fused.count)]).toEqual([...alone.hashes.slice(0, alone.count)]);
      expect([...fused.bigrams.slice(1, fused.count)]).toEqual([...alone.bigrams.slice(1, alone.count)]);
    }
  });
  it("gives each string its own value: an earlier scan never answers for another string", () => {
    const req = registerRequirement([["curl"]]);
    const first = stringScanFor("curl x");
    expect(requirementMet(req, first)).toBe(true);
    expect(stringScanFor("plain words", first)).not.toBe(first);
    expect(requirementMet(req, stringScanFor("plain words", first))).toBe(false);
    expect(requirementMet(req, first)).toBe(true);
  });
  it("computes the digit hints of the standalone pass on any mix of digits, separators and letters", () => {
    const alphabet = fc.constantFrom(..."0123456789 .()-aZ_é\n:+x".split(""));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join("")),
        (text) => {
          expect(stringScanFor(text).digitHints).toBe(digitHints(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("requirementMet on the grouped encoding", () => {
  const alphabet = ["kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho"];
  it("agrees with evaluating the OR of ANDs directly, for any requirement and string", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.subarray(alphabet),
        (dnf, present) => {
          const text = present.map((word) => `${word} `).join("");
          const expected = dnf.some((conj) => conj.every((needle) => present.includes(needle)));
          expect(requirementMet(registerRequirement(dnf), stringScanFor(text))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("groups the conjunctions under the needle most of them share", () => {
    const req = registerRequirement([["sigma", "tau"], ["upsilon", "tau"], ["phi", "tau"], ["chi"]]);
    expect(requirementMet(req, stringScanFor("sigma tau"))).toBe(true);
    expect(requirementMet(req, stringScanFor("sigma upsilon phi"))).toBe(false);
    expect(requirementMet(req, stringScanFor("chi"))).toBe(true);
    // Two groups: tau with its three conjunctions, then chi alone.
    expect(req[0]).toBe(registerRequirement([["tau"]])[0]);
    expect(req[req[1]!]).toBe(registerRequirement([["chi"]])[0]);
  });

  it("refuses a conjunction with no needle", () => {
    expect(() => registerRequirement([[]])).toThrow(TypeError);
  });
});
