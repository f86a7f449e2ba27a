import { sha256, sha256Hex } from "./sha256.js";

/**
 * One audit line laid out once in memory as `0x00 ‖ line ‖ "\n"`, so that every consumer reads
 * the same bytes without re-encoding: the RFC 6962 leaf hash is SHA-256 of `0x00 ‖ line` (the
 * prefix is the leaf marker, so it cannot be skipped or shared with the chain hash), the chain
 * hash is SHA-256 of `line`, and the file gets `line ‖ "\n"`.
 */
export class LineLayout {
  constructor(private readonly layout: Buffer) {}

  /** The line's bytes followed by its newline: what is appended to the file. */
  get withNewline(): Buffer {
    return this.layout.subarray(1);
  }

  /** The line's bytes (no newline). */
  get bytes(): Buffer {
    return this.layout.subarray(1, this.layout.length - 1);
  }

  /** The line as text (no newline). */
  get text(): string {
    return this.layout.toString("utf8", 1, this.layout.length - 1);
  }

  /** SHA-256 hex of the line: the next line's `prev_hash`. */
  chainHash(): string {
    return sha256Hex(this.bytes);
  }

  /** RFC 6962 leaf hash, SHA-256 of `0x00 ‖ line`. */
  leafHash(): Uint8Array {
    return sha256(this.layout.subarray(0, this.layout.length - 1));
  }
}
