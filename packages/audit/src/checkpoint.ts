import type { MerkleAccumulator } from "./merkle-accumulator.js";
import { CHECKPOINT_TYPE } from "./record.js";

/** A signed tree head: the first `treeSize` lines of a day file hash to `rootHash` (hex). */
export interface CheckpointHead {
  readonly treeSize: number;
  readonly rootHash: string;
}

/**
 * The unsigned fields of a checkpoint record over every line written so far to the day file:
 * `{type: "sec0.checkpoint", ts, date, tree_size, root_hash}`. The appender adds the chain
 * fields and signs it like any other line, so the checkpoint is itself chained and covered by
 * the next checkpoint.
 */
export function checkpointFields(
  date: string,
  accumulator: MerkleAccumulator,
  now: number,
): Record<string, unknown> {
  return {
    type: CHECKPOINT_TYPE,
    ts: new Date(now).toISOString(),
    date,
    tree_size: accumulator.size,
    root_hash: Buffer.from(accumulator.root()).toString("hex"),
  };
}

/** The head a checkpoint record states, or `undefined` when its fields are malformed. */
export function headOf(record: Readonly<Record<string, unknown>>): CheckpointHead | undefined {
  const { tree_size: treeSize, root_hash: rootHash } = record;
  if (typeof treeSize !== "number" || !Number.isSafeInteger(treeSize) || treeSize < 0) return undefined;
  if (typeof rootHash !== "string" || !/^[0-9a-f]{64}$/.test(rootHash)) return undefined;
  return { treeSize, rootHash };
}
