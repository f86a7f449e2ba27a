import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid } from "./checksums.js";

describe("luhnValid", () => {
  it("accepts valid card numbers and rejects a changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("378282246310005")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });
  it("rejects non-digits", () => expect(luhnValid("4111-1111")).toBe(false));
});

describe("ibanValid", () => {
  it("accepts mod-97-valid IBANs with spaces and lower case", () => {
    expect(ibanValid("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(ibanValid("de89370400440532013000")).toBe(true);
  });
  it("rejects a wrong checksum or a wrong country length", () => {
    expect(ibanValid("GB82WEST12345698765433")).toBe(false);
    expect(ibanValid("GB82WEST123456987654")).toBe(false);
  });
});
