import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEXT_PIECES } from "./normalise/__fixtures__/text-pieces.js";
import { mayNeedViews } from "./normalise/index.js";
import { createStringScan, fillStringScan } from "./string-scan.js";

const PIECES = [
  ...TEXT_PIECES,
  ...[
    "9",
    "%",
    "%4",
    "%4g",
    "\\",
    "\\x",
    "\\X4",
    "41 ",
    "ab ",
    "7f ",
    "ignore",
    "pr0mpt",
    "\u200b",
    "ｉ",
    "\u0430",
  ],
  ...["QUJDREVGR0hJSktMTU5PUFFS", "https://example.com/a/b", "2024-01-01", "v1.2.3"],
];
describe("StringScan.viewHint", () => {
  it("is never false where mayNeedViews is true", () => {
    const scan = createStringScan();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }), (parts) => {
        const text = parts.join("");
        if (mayNeedViews(text)) expect(fillStringScan(scan, text).viewHint).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("is false on ordinary ASCII prose, ids and dates", () => {
    const scan = createStringScan();
    for (const text of [
      "Please review the attached report before Friday, 3 April 2026.",
      "order 12345 shipped to Bay 7; tracking ABC-123-XYZ",
      // A percent sign or backslash that starts no escape (`%41`, `\\x41`) needs no view.
      "the prepayment discount (8%) still applies; growth was 12.5% in Q3",
      "saved to C:\\Users\\dana\\reports and \\\\server\\share",
    ]) {
      expect(fillStringScan(scan, text).viewHint).toBe(false);
    }
  });
});
