import { join } from "node:path";
import { type Clock, type Signer, sha256Hex } from "@sec0/core";
import { type DayFile, dayFileName, listDayFiles } from "./day-file.js";
import { DayWriter } from "./day-writer.js";
import type { MerkleAccumulator } from "./merkle-accumulator.js";
import { type ChainState, GENESIS_CHAIN, REPAIR_TYPE, sealRecord } from "./record.js";
import { scanDayFile } from "./scan-day-file.js";

/** A day file open for appending, with its tree and checkpoint counters. */
export interface OpenDay {
  readonly date: string;
  readonly path: string;
  readonly writer: DayWriter;
  readonly accumulator: MerkleAccumulator;
  chain: ChainState;
  sinceCheckpoint: number;
  lastCheckpointAt: number;
}

interface OpenContext {
  readonly dir: string;
  readonly signer: Signer;
  readonly clock: Clock;
}

/**
 * Opens the day file for `date`, repairing a torn last line first. A new file chains from
 * `carried` (the day just closed), else from the last line of the latest earlier day file,
 * else from the genesis value.
 */
export async function openDay(context: OpenContext, date: string, carried?: ChainState): Promise<OpenDay> {
  const path = join(context.dir, dayFileName(date));
  const opened = await openRepaired(context, path, date);
  let chain = opened.chain;
  if (chain === undefined) {
    chain = carried ?? (await chainFromEarlierDay(context, date)) ?? GENESIS_CHAIN;
  }
  return { ...opened, date, path, chain, lastCheckpointAt: context.clock.now() };
}

/** The latest day file in `dir`, if any: where a restarted appender resumes. */
export async function latestDayFile(dir: string): Promise<DayFile | undefined> {
  return (await listDayFiles(dir)).at(-1);
}

async function chainFromEarlierDay(context: OpenContext, date: string): Promise<ChainState | undefined> {
  const earlier = (await listDayFiles(context.dir)).filter((file) => file.date < date).at(-1);
  if (earlier === undefined) return undefined;
  const opened = await openRepaired(context, earlier.path, earlier.date);
  await opened.writer.close();
  return opened.chain;
}

async function openRepaired(context: OpenContext, path: string, date: string) {
  const scan = await scanDayFile(path);
  const writer = await DayWriter.open(path);
  let chain = scan.chain;
  let sinceCheckpoint = scan.sinceCheckpoint;
  if (scan.torn !== undefined) {
    // A crash mid-write left a partial line: it was never acknowledged, so cut it and say so.
    await writer.truncate(scan.completeBytes);
    const repair = sealRecord(
      {
        type: REPAIR_TYPE,
        ts: new Date(context.clock.now()).toISOString(),
        date,
        reason: "torn_tail",
        removed_bytes: scan.torn.length,
        removed_sha256: sha256Hex(scan.torn),
      },
      context.signer,
      chain ?? (await chainFromEarlierDay(context, date)) ?? GENESIS_CHAIN,
    );
    await writer.write(repair.line.withNewline);
    await writer.sync();
    scan.accumulator.addLeafHash(repair.line.leafHash());
    chain = repair.chain;
    sinceCheckpoint += 1;
  }
  return { writer, accumulator: scan.accumulator, chain, sinceCheckpoint };
}
