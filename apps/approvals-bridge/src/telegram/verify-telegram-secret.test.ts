import { describe, expect, it } from "vitest";
import { isTelegramSecretValid } from "./verify-telegram-secret.js";

describe("isTelegramSecretValid", () => {
  it("accepts only the exact secret as one string header", () => {
    expect(isTelegramSecretValid("s3cret_-", "s3cret_-")).toBe(true);
    for (const header of [undefined, "", "s3cret_", "s3cret_-x", "S3CRET_-", ["s3cret_-"], 42]) {
      expect(isTelegramSecretValid(header, "s3cret_-")).toBe(false);
    }
    expect(isTelegramSecretValid("", "")).toBe(false);
  });
});
