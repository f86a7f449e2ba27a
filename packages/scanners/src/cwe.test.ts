import { describe, expect, it } from "vitest";
import { asList, normalizeCwes } from "./cwe.js";

describe("normalizeCwes", () => {
  it("reads the spellings scanners use, once each", () => {
    expect(
      normalizeCwes([
        "CWE-78: Improper Neutralization",
        "external/cwe/cwe-078",
        "cwe-22",
        79,
        "1333",
        "security",
        "OWASP-A03:2021 - Injection",
        null,
      ]),
    ).toEqual(["CWE-78", "CWE-22", "CWE-79", "CWE-1333"]);
  });
  it("wraps single values", () => {
    expect(asList("CWE-1")).toEqual(["CWE-1"]);
    expect(asList(undefined)).toEqual([]);
  });
});
