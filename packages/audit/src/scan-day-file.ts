import type { Verifier } from "@sec0/core";
import { forEachLine } from "./for-each-line.js";
import { LineBytes } from "./line-bytes.js";
import { MerkleAccumulator } from "./merkle-accumulator.js";
import { CHECKPOINT_TYPE, type ChainState } from "./record.js";
import { checkLine, isProblem } from "./verify-line.js";

/** What the appender needs to continue a day file: its tree, chain end and any bad tail. */
export interface DayFileScan {
  /** Leaves = every complete line before the bad tail, in order. */
  readonly accumulator: MerkleAccumulator;
  /** Chain state after the last good line; `undefined` when the file has none. */
  readonly chain: ChainState | undefined;
  /** Lines after the last checkpoint (before the bad tail). */
  readonly sinceCheckpoint: number;
  /** Where the bad tail starts: the byte length of the lines the appender continues. */
  readonly goodBytes: number;
  /**
   * What follows the last good line, when anything does: `torn` for bytes after the last newline
   * only (a crash mid-write), `bad_tail` when complete lines the appender cannot verify are there.
   */
  readonly tail: "torn_tail" | "bad_tail" | undefined;
}

interface Candidate {
  readonly offset: number;
  readonly end: number;
  readonly chain: ChainState;
  readonly bytes: Buffer;
  readonly keyId: string | undefined;
}

/**
 * Reads a day file (absent = empty) line by line in constant memory and rebuilds its Merkle tree
 * and chain end. The last lines that are not byte-exact signed lines (and, when `verifier` is
 * given and names the line's key, the last line whose signature fails) form the bad tail: the
 * appender must not chain from them. Bad lines followed by good ones are left for the verifier.
 */
export async function scanDayFile(path: string, verifier?: Verifier): Promise<DayFileScan> {
  const scan = new Scan();
  let walk = { completeBytes: 0, tornBytes: 0 };
  try {
    walk = await forEachLine(path, (line, offset) => scan.visit(line, offset));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return scan.finish(walk.completeBytes, walk.tornBytes, verifier);
}

class Scan {
  readonly accumulator = new MerkleAccumulator();
  private readonly bytes = new LineBytes();
  /** Leaves not yet known to be followed by a good line: the last good one and bad ones after it. */
  private pending: Array<{ leaf: Uint8Array; checkpoint: boolean }> = [];
  private sinceCheckpoint = 0;
  private previous: ChainState | undefined;
  private last: Candidate | undefined;
  private badFrom: number | undefined;

  visit(line: Buffer, offset: number): undefined {
    this.bytes.load(line);
    const checked = checkLine(this.bytes, undefined);
    const leaf = this.bytes.leafHash();
    if (isProblem(checked)) {
      this.badFrom ??= offset;
      this.pending.push({ leaf, checkpoint: false });
      return undefined;
    }
    this.commit(this.pending);
    this.pending = [{ leaf, checkpoint: checked.record.type === CHECKPOINT_TYPE }];
    this.badFrom = undefined;
    this.previous = this.last?.chain;
    const seq = checked.record.seq;
    this.last = {
      offset,
      end: offset + line.length + 1,
      // A 0.2.3 line has no seq: the chain starts over after it, anchored to its hash.
      chain: {
        seq: typeof seq === "number" && Number.isSafeInteger(seq) ? seq : 0,
        prevHash: this.bytes.chainHash(),
      },
      bytes: Buffer.from(line),
      keyId: checked.keyId,
    };
    return undefined;
  }

  finish(completeBytes: number, tornBytes: number, verifier: Verifier | undefined): DayFileScan {
    const last = this.last;
    let chain = last?.chain;
    let goodBytes = this.badFrom ?? completeBytes;
    if (last !== undefined && !this.verifies(last, verifier)) {
      // The last well-formed line is forged or edited: the tail starts at it.
      chain = this.previous;
      goodBytes = last.offset;
    } else if (last !== undefined) {
      this.commit(this.pending.slice(0, 1));
    }
    const tail = goodBytes < completeBytes ? "bad_tail" : tornBytes > 0 ? "torn_tail" : undefined;
    return { accumulator: this.accumulator, chain, sinceCheckpoint: this.sinceCheckpoint, goodBytes, tail };
  }

  // Only a line signed by the appender's own key can be checked here (not one of a rotated key).
  private verifies(line: Candidate, verifier: Verifier | undefined): boolean {
    if (verifier === undefined || line.keyId !== verifier.keyId) return true;
    this.bytes.load(line.bytes);
    return !isProblem(checkLine(this.bytes, verifier));
  }

  private commit(leaves: ReadonlyArray<{ leaf: Uint8Array; checkpoint: boolean }>): void {
    for (const { leaf, checkpoint } of leaves) {
      this.accumulator.addLeafHash(leaf);
      this.sinceCheckpoint = checkpoint ? 0 : this.sinceCheckpoint + 1;
    }
  }
}
