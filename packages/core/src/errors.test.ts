import { describe, expect, it } from "vitest";
import { isSec0Error, Sec0Error } from "./errors.js";

describe("Sec0Error", () => {
  it("carries a code, details and cause, and serialises without the stack", () => {
    const cause = new Error("disk full");
    const error = new Sec0Error("AUDIT_WRITE_FAILED", "Could not write.", { details: { file: "a" }, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: "AUDIT_WRITE_FAILED",
      message: "Could not write.",
      details: { file: "a" },
    });
    expect(isSec0Error(error)).toBe(true);
    expect(isSec0Error(error, "OTHER")).toBe(false);
    expect(isSec0Error(new Error("x"))).toBe(false);
  });
});
