import type { Verifier } from "@sec0/core";
import { sha256, sha256Hex } from "./sha256.js";

/**
 * One reusable buffer holding `0x00 ‖ line` for the verifier: the line is encoded once and the
 * leaf hash, the chain hash and the signed bytes are all read from it, without copies.
 */
export class LineBytes {
  private buffer = Buffer.allocUnsafe(4096);
  private size = 0;

  /** Encodes `line` (UTF-8) after the 0x00 leaf prefix; a Buffer is copied as it is. */
  load(line: string | Uint8Array): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const capacity = 1 + (typeof line === "string" ? line.length * 3 : line.length);
    if (capacity > this.buffer.length) this.buffer = Buffer.allocUnsafe(capacity);
    this.buffer[0] = 0;
    if (typeof line === "string") this.size = this.buffer.write(line, 1, "utf8");
    else {
      this.buffer.set(line, 1);
      this.size = line.length;
    }
  }

  /** The line decoded as UTF-8 (invalid bytes become U+FFFD, so they never compare equal). */
  text(): string {
    return this.buffer.toString("utf8", 1, 1 + this.size);
  }

  /** True when the line's bytes are exactly the UTF-8 encoding of `expected`. */
  equalsText(expected: string): boolean {
    if (Buffer.byteLength(expected, "utf8") !== this.size) return false;
    return this.buffer.subarray(1, 1 + this.size).equals(Buffer.from(expected, "utf8"));
  }

  /** RFC 6962 leaf hash, SHA-256 of `0x00 ‖ line`. */
  leafHash(): Uint8Array {
    return sha256(this.buffer.subarray(0, 1 + this.size));
  }

  /** SHA-256 hex of the line: the next line's `prev_hash`. */
  chainHash(): string {
    return sha256Hex(this.buffer.subarray(1, 1 + this.size));
  }

  /**
   * Checks `signature` over the line's first `byteLength - suffixLength` bytes followed by `}`:
   * for a line ending in the `"sig"` member, exactly the canonical JSON that was signed. The
   * closing brace is written over the line in place and the byte restored afterwards.
   */
  verifyWithoutSuffix(suffixLength: number, verifier: Verifier, signature: Uint8Array): boolean {
    const end = 1 + this.size - suffixLength;
    if (end < 2) return false;
    const saved = this.buffer[end] as number;
    this.buffer[end] = 0x7d; // "}"
    try {
      return verifier.verify(this.buffer.subarray(1, end + 1), signature);
    } finally {
      this.buffer[end] = saved;
    }
  }
}
