import type { Verifier } from "@sec0/core";
import { forEachLine } from "./for-each-line.js";
import { LineBytes } from "./line-bytes.js";
import { MerkleAccumulator } from "./merkle-accumulator.js";
import { CHECKPOINT_TYPE, type ChainState, REPAIR_TYPE, UNATTESTED_REASON } from "./record.js";
import { checkLine, isProblem } from "./verify-line.js";

/** What the appender needs to continue a day file: its tree, chain end and any bad tail. */
export interface DayFileScan {
  /** Leaves = every complete line before the bad tail, in order. */
  readonly accumulator: MerkleAccumulator;
  /** Chain state after the last good line; `undefined` when the file has none. */
  readonly chain: ChainState | undefined;
  /** Lines after the last checkpoint (before the bad tail). */
  readonly sinceCheckpoint: number;
  /**
   * Unsigned (checkpoint-mode) lines after the last checkpoint that no signed record names yet:
   * how many, and the `seq` of the first. The appender must not sign a checkpoint over them as
   * its own (see `openDay`).
   */
  readonly unsignedTail: { readonly lines: number; readonly fromSeq: number } | undefined;
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

/** What a committed leaf does to the checkpoint and unsigned-tail counters. */
interface PendingLeaf {
  readonly leaf: Uint8Array;
  readonly kind: "checkpoint" | "unattested" | "unsigned" | "signed";
  readonly seq: number;
}

class Scan {
  readonly accumulator = new MerkleAccumulator();
  private readonly bytes = new LineBytes();
  /** Leaves not yet known to be followed by a good line: the last good one and bad ones after it. */
  private pending: PendingLeaf[] = [];
  private sinceCheckpoint = 0;
  private unsigned = 0;
  private unsignedFromSeq = 0;
  private previous: ChainState | undefined;
  private last: Candidate | undefined;
  private badFrom: number | undefined;

  visit(line: Buffer, offset: number): undefined {
    this.bytes.load(line);
    const checked = checkLine(this.bytes, undefined);
    const leaf = this.bytes.leafHash();
    if (isProblem(checked)) {
      this.badFrom ??= offset;
      this.pending.push({ leaf, kind: "signed", seq: 0 });
      return undefined;
    }
    this.commit(this.pending);
    const { record } = checked;
    const seq = checked.record.seq;
    this.pending = [{ leaf, kind: kindOf(record, checked.signed), seq: typeof seq === "number" ? seq : 0 }];
    this.badFrom = undefined;
    this.previous = this.last?.chain;
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
    return {
      accumulator: this.accumulator,
      chain,
      sinceCheckpoint: this.sinceCheckpoint,
      unsignedTail: this.unsigned > 0 ? { lines: this.unsigned, fromSeq: this.unsignedFromSeq } : undefined,
      goodBytes,
      tail,
    };
  }

  // Only a line signed by the appender's own key can be checked here (not one of a rotated key).
  private verifies(line: Candidate, verifier: Verifier | undefined): boolean {
    if (verifier === undefined || line.keyId !== verifier.keyId) return true;
    this.bytes.load(line.bytes);
    return !isProblem(checkLine(this.bytes, verifier));
  }

  private commit(leaves: readonly PendingLeaf[]): void {
    for (const { leaf, kind, seq } of leaves) {
      this.accumulator.addLeafHash(leaf);
      this.sinceCheckpoint = kind === "checkpoint" ? 0 : this.sinceCheckpoint + 1;
      if (kind === "checkpoint" || kind === "unattested") this.unsigned = 0;
      else if (kind === "unsigned") {
        if (this.unsigned === 0) this.unsignedFromSeq = seq;
        this.unsigned += 1;
      }
    }
  }
}

function kindOf(record: Record<string, unknown>, signed: boolean): PendingLeaf["kind"] {
  if (!signed) return "unsigned";
  if (record.type === CHECKPOINT_TYPE) return "checkpoint";
  if (record.type === REPAIR_TYPE && record.reason === UNATTESTED_REASON) return "unattested";
  return "signed";
}
