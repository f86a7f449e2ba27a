import { Sec0Error } from "@sec0/core";

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Standard base64 (with padding) of raw bytes, as 0.2.3's `toBase64`.
 *
 * @example
 * toBase64(new Uint8Array([1, 2, 3])); // "AQID"
 */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Decodes standard base64 (padding optional, whitespace ignored) into bytes. Unlike a plain
 * `Buffer.from(text, "base64")`, characters outside the alphabet are an error, not silently skipped.
 *
 * @throws {Sec0Error} `SIGNER_BASE64_INVALID` when `text` is not base64.
 * @example
 * fromBase64("AQID"); // Uint8Array [1, 2, 3]
 */
export function fromBase64(text: string): Uint8Array {
  const bytes = decodeBase64Strict(text);
  if (bytes === undefined) {
    throw new Sec0Error(
      "SIGNER_BASE64_INVALID",
      "fromBase64 got text that is not standard base64: use only A-Z, a-z, 0-9, +, / and = padding.",
      { details: { length: text.length } },
    );
  }
  return bytes;
}

/** Strict base64 decoding; `undefined` when the text is not base64. Whitespace is ignored. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!BASE64_PATTERN.test(compact) || compact.length % 4 === 1) return undefined;
  const unpadded = compact.replace(/=+$/, "");
  if (compact.length !== unpadded.length && compact.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(unpadded, "base64");
  // Reject non-canonical trailing bits: the re-encoding must give back the same characters.
  if (bytes.toString("base64").replace(/=+$/, "") !== unpadded) return undefined;
  return new Uint8Array(bytes);
}
