import { createHash, hash } from "node:crypto";

// One-shot `crypto.hash` (Node >= 20.12) skips the Hash object; older Node 20 falls back.
const oneShot: typeof hash | undefined = typeof hash === "function" ? hash : undefined;

/** Lower-case hex SHA-256 of a string's UTF-8 bytes or of raw bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return oneShot !== undefined
    ? oneShot("sha256", data, "hex")
    : createHash("sha256").update(data).digest("hex");
}
