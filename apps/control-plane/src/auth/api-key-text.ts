import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** `sec0_<id>_<secret>`: a 12-character public id and a 32-character secret, base62. */
const KEY_PATTERN = /^sec0_([0-9A-Za-z]{12})_([0-9A-Za-z]{32})$/;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(length: number): string {
  // Rejection sampling keeps every character uniform (248 = 4 × 62).
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A new key: its full text (shown once) and its id. */
export function generateApiKey(): { readonly text: string; readonly id: string } {
  const id = base62(12);
  return { text: `sec0_${id}_${base62(32)}`, id };
}

/** The key id of a well-formed key text, or `undefined`. */
export function apiKeyId(text: string): string | undefined {
  return KEY_PATTERN.exec(text)?.[1];
}

/** SHA-256 hex of a key's full text: what is stored. */
export function hashApiKey(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Constant-time comparison of a presented key's hash with the stored one. */
export function apiKeyMatches(text: string, storedSha256: string): boolean {
  const presented = Buffer.from(hashApiKey(text), "hex");
  const stored = Buffer.from(storedSha256, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
