import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { decodeBase64Strict, fromBase64, toBase64 } from "./base64.js";

describe("toBase64 / fromBase64", () => {
  it("round-trips every length, including views into larger buffers", () => {
    const backing = new Uint8Array(80).map((_, i) => (i * 37) & 0xff);
    for (let length = 0; length <= 66; length += 1) {
      const view = backing.subarray(5, 5 + length);
      const text = toBase64(view);
      expect(text).toBe(Buffer.from(view).toString("base64"));
      expect(fromBase64(text)).toEqual(view);
    }
  });

  it("accepts missing padding and surrounding or wrapping whitespace", () => {
    expect(fromBase64("AQI")).toEqual(new Uint8Array([1, 2]));
    expect(fromBase64(" AQ\nID \n")).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("refuses text outside the alphabet instead of skipping it", () => {
    for (const text of ["AQ!D", "AQID*", "A", "AQ=D", "AQI==="]) {
      expect(decodeBase64Strict(text)).toBeUndefined();
      expect(() => fromBase64(text)).toThrow(expect.objectContaining({ code: "SIGNER_BASE64_INVALID" }));
    }
  });

  it("refuses non-canonical trailing bits (one byte, many spellings)", () => {
    expect(decodeBase64Strict("AQ==")).toEqual(new Uint8Array([1]));
    expect(decodeBase64Strict("AR==")).toBeUndefined();
  });

  it("never echoes the input in the error", () => {
    try {
      fromBase64("c2VjcmV0!!");
    } catch (error) {
      expect(isSec0Error(error, "SIGNER_BASE64_INVALID")).toBe(true);
      expect(JSON.stringify(error)).not.toContain("c2VjcmV0");
    }
  });
});
