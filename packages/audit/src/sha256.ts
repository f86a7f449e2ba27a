import { createHash, hash } from "node:crypto";

// One-shot SHA-256 (`crypto.hash`, Node ≥ 20.12) avoids a Hash object per call, which matters at
// two or three hashes per audit line; older Node 20 releases fall back to `createHash`. Raw
// digests are taken as latin1 ("binary") text and copied into a pooled Buffer: asking `crypto.hash` for a
// Buffer allocates a fresh ArrayBuffer from C++, which costs more than the hash of a 65-byte node.
const oneShot: typeof hash | undefined = typeof hash === "function" ? hash : undefined;

/** SHA-256 of `data` (a string is hashed as UTF-8) as 32 raw bytes. */
export function sha256(data: Uint8Array | string): Uint8Array {
  if (oneShot === undefined) return createHash("sha256").update(data).digest();
  return Buffer.from(oneShot("sha256", data, "binary"), "latin1");
}

export { sha256Hex } from "@sec0/core";
