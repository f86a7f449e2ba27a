import { describe, expect, it } from "vitest";
import { piiDetector } from "./detectors/pii/pii.js";
import { redactText, redactValue } from "./redact.js";
import { scanValue } from "./scan.js";

describe("redaction", () => {
  it("keeps JSON structure and types, replacing only spans", () => {
    const value = { user: { email: "a@b.io", age: 40, notes: ["call 202-555-0143 or a@b.io"] }, ok: true };
    const { findings } = scanValue(value, [piiDetector]);
    const out = redactValue(value, findings);
    expect(out).toEqual({
      user: {
        email: "[REDACTED:pii.email]",
        age: 40,
        notes: ["call [REDACTED:pii.phone] or [REDACTED:pii.email]"],
      },
      ok: true,
    });
    expect(value.user.email).toBe("a@b.io");
  });
  it("merges overlapping spans", () => {
    expect(
      redactText("abcdefgh", [
        { start: 1, end: 4, kind: "k1" },
        { start: 3, end: 6, kind: "k2" },
      ]),
    ).toBe("a[REDACTED:k1]gh");
  });
});
