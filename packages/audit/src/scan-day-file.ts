import { readFile } from "node:fs/promises";
import { MerkleAccumulator } from "./merkle-accumulator.js";
import { CHECKPOINT_TYPE, type ChainState, hashLine } from "./record.js";

/** What the appender needs to continue a day file: its tree, chain end and any torn tail. */
export interface DayFileScan {
  /** Leaves = every complete line, in order. */
  readonly accumulator: MerkleAccumulator;
  /** Chain state after the last complete line; `undefined` when the file has no complete line. */
  readonly chain: ChainState | undefined;
  /** Complete lines after the last checkpoint. */
  readonly sinceCheckpoint: number;
  /** Byte length of the complete lines (where a torn tail starts). */
  readonly completeBytes: number;
  /** Bytes after the last newline: a line torn by a crash mid-write. */
  readonly torn: Buffer | undefined;
}

/** Reads a day file (absent = empty) and rebuilds its Merkle tree and chain end. */
export async function scanDayFile(path: string): Promise<DayFileScan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    bytes = Buffer.alloc(0);
  }
  const accumulator = new MerkleAccumulator();
  let start = 0;
  let last: Buffer | undefined;
  let sinceCheckpoint = 0;
  for (let end = bytes.indexOf(10, start); end !== -1; end = bytes.indexOf(10, start)) {
    const line = bytes.subarray(start, end);
    accumulator.addLeafData(line);
    sinceCheckpoint = isCheckpointLine(line) ? 0 : sinceCheckpoint + 1;
    last = line;
    start = end + 1;
  }
  return {
    accumulator,
    chain: last === undefined ? undefined : chainAfter(last),
    sinceCheckpoint,
    completeBytes: start,
    torn: start < bytes.length ? bytes.subarray(start) : undefined,
  };
}

function isCheckpointLine(line: Buffer): boolean {
  if (!line.includes(CHECKPOINT_TYPE)) return false;
  return parse(line)?.type === CHECKPOINT_TYPE;
}

function chainAfter(line: Buffer): ChainState {
  const seq = parse(line)?.seq;
  // A 0.2.3 line has no seq: the chain starts over after it, anchored to its hash.
  return { seq: typeof seq === "number" && Number.isSafeInteger(seq) ? seq : 0, prevHash: hashLine(line) };
}

function parse(line: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line.toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
