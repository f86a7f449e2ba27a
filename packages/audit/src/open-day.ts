import { join } from "node:path";
import { type Clock, Sec0Error, type Signer } from "@sec0/core";
import { checkpointFields } from "./checkpoint.js";
import { type DayFile, dayFileName, listDayFiles } from "./day-file.js";
import { DayWriter } from "./day-writer.js";
import { createEd25519Verifier } from "./ed25519-verifier.js";
import type { MerkleAccumulator } from "./merkle-accumulator.js";
import { type QuarantinedTail, quarantineTail, unrecordedQuarantines } from "./quarantine-tail.js";
import { type ChainState, GENESIS_CHAIN, REPAIR_TYPE, sealRecord, UNATTESTED_REASON } from "./record.js";
import { type DayFileScan, scanDayFile } from "./scan-day-file.js";

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
 * Opens the day file for `date`, repairing its tail first: a torn last line (a crash mid-write)
 * or last lines the appender cannot verify are moved to a quarantine file and a signed repair
 * record naming them is chained from the last good line. A new file chains from
 * `carried` (the day just closed), else from the last line of the latest earlier day file,
 * else from the genesis value. Unsigned (checkpoint-mode) lines that no signed checkpoint covers
 * are never vouched for as this process's own: a signed repair record names them
 * (`reason: "unattested_tail"`) and a checkpoint follows.
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
  try {
    const opened = await openRepaired(context, earlier.path, earlier.date, false);
    await opened.writer.close();
    return opened.chain;
  } catch (error) {
    // Removed by retention between the listing and the open: the next earlier day is gone too.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function openRepaired(context: OpenContext, path: string, date: string, create = true) {
  const writer = await DayWriter.open(path, create);
  const { publicKey } = context.signer;
  const scan = await scanDayFile(
    path,
    publicKey === undefined ? undefined : createEd25519Verifier(publicKey),
  );
  let chain = scan.chain;
  let sinceCheckpoint = scan.sinceCheckpoint;
  if (scan.tail === undefined) {
    for (const cut of await unrecordedQuarantines(path, scan.goodBytes)) {
      const from = chain ?? (await chainFromEarlierDay(context, date)) ?? GENESIS_CHAIN;
      chain = await writeRepair(context, date, writer, scan, from, "unrecorded_cut", cut);
      sinceCheckpoint += 1;
    }
  } else {
    chain = await repairTail(context, path, date, scan, writer);
    sinceCheckpoint += 1;
  }
  if (scan.unsignedTail !== undefined && chain !== undefined) {
    chain = await sealUnattested(context, date, writer, scan, chain, scan.unsignedTail);
    sinceCheckpoint = 0;
  }
  return { writer, accumulator: scan.accumulator, chain, sinceCheckpoint };
}

// Unsigned lines after the last checkpoint were written by a process that crashed before sealing
// them, or appended by someone else: this process cannot vouch for them. A signed repair record
// names them as unattested, then a checkpoint seals the file as it stands (that record included).
async function sealUnattested(
  context: OpenContext,
  date: string,
  writer: DayWriter,
  scan: DayFileScan,
  from: ChainState,
  tail: NonNullable<DayFileScan["unsignedTail"]>,
): Promise<ChainState> {
  const now = context.clock.now();
  const record = sealRecord(
    {
      type: REPAIR_TYPE,
      ts: new Date(now).toISOString(),
      date,
      reason: UNATTESTED_REASON,
      unattested_from_seq: tail.fromSeq,
      unattested_lines: tail.lines,
    },
    context.signer,
    from,
  );
  scan.accumulator.addLeafHash(record.line.leafHash());
  const checkpoint = sealRecord(checkpointFields(date, scan.accumulator, now), context.signer, record.chain);
  scan.accumulator.addLeafHash(checkpoint.line.leafHash());
  await writer.write(Buffer.concat([record.line.withNewline, checkpoint.line.withNewline]));
  await writer.sync();
  return checkpoint.chain;
}

// The tail was never acknowledged as a good line: keep its bytes aside, cut it, and say so in a
// signed record. A crash between the cut and the record leaves the bytes in the quarantine file,
// and the next open records them (`unrecorded_cut`).
async function repairTail(
  context: OpenContext,
  path: string,
  date: string,
  scan: DayFileScan,
  writer: DayWriter,
): Promise<ChainState> {
  const quarantined = await quarantineTail(path, scan.goodBytes).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
    throw new Sec0Error(
      "AUDIT_REPAIR_FAILED",
      `Could not move the unverifiable tail of ${path} (from byte ${scan.goodBytes}) to a quarantine file; free disk space or fix permissions, then append again.`,
      { details: { path, offset: scan.goodBytes }, cause: error },
    );
  });
  await writer.truncate(scan.goodBytes);
  const from = scan.chain ?? (await chainFromEarlierDay(context, date)) ?? GENESIS_CHAIN;
  return writeRepair(context, date, writer, scan, from, scan.tail ?? "bad_tail", quarantined);
}

// The signed record naming cut bytes: where they were, how many, their digest and their file.
async function writeRepair(
  context: OpenContext,
  date: string,
  writer: DayWriter,
  scan: DayFileScan,
  from: ChainState,
  reason: string,
  cut: QuarantinedTail,
): Promise<ChainState> {
  const repair = sealRecord(
    {
      type: REPAIR_TYPE,
      ts: new Date(context.clock.now()).toISOString(),
      date,
      reason,
      removed_offset: scan.goodBytes,
      removed_bytes: cut.bytes,
      removed_sha256: cut.sha256,
      quarantine_file: cut.file,
    },
    context.signer,
    from,
  );
  await writer.write(repair.line.withNewline);
  await writer.sync();
  scan.accumulator.addLeafHash(repair.line.leafHash());
  return repair.chain;
}
