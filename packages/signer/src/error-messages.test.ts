// Error messages name the function the caller called, never an internal helper or a vague "value".
import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { fromBase64 } from "./base64.js";
import { computeKeyId } from "./ed25519-key-objects.js";
import { LocalDevSigner } from "./local-dev-signer.js";

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isSec0Error(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error("expected a Sec0Error");
}

describe("signer error messages", () => {
  it("name LocalDevSigner.fromSeed and LocalDevSigner.fromBase64", () => {
    expect(messageOf(() => LocalDevSigner.fromSeed(new Uint8Array(16)))).toMatch(
      /^SIGNER_KEY_LENGTH_INVALID: The key given to LocalDevSigner\.fromSeed is 16 bytes/,
    );
    expect(messageOf(() => LocalDevSigner.fromBase64("AAAA"))).toMatch(
      /^SIGNER_KEY_LENGTH_INVALID: The key given to LocalDevSigner\.fromBase64 is 3 bytes/,
    );
    expect(messageOf(() => LocalDevSigner.fromBase64("not base64!"))).toMatch(
      /^SIGNER_KEY_ENCODING_INVALID: The key given to LocalDevSigner\.fromBase64 is not base64/,
    );
  });

  it("name fromBase64 and computeKeyId", () => {
    expect(messageOf(() => fromBase64("AQ!D"))).toMatch(
      /^SIGNER_BASE64_INVALID: fromBase64 got text that is not/,
    );
    expect(messageOf(() => computeKeyId(new Uint8Array(31)))).toMatch(
      /^SIGNER_PUBLIC_KEY_INVALID: computeKeyId needs a 32-byte Ed25519 public key; got 31 bytes/,
    );
  });
});
