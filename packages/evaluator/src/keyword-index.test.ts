import { describe, expect, it } from "vitest";
import { registerRequirement, requirementMet, scanNeedles } from "./keyword-index.js";

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
});
