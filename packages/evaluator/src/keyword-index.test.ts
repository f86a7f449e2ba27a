import { describe, expect, it } from "vitest";
import { digitHints } from "./detectors/pii-scan.js";
import { passDigitHints, registerRequirement, requirementMet, scanNeedles } from "./keyword-index.js";
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
});
