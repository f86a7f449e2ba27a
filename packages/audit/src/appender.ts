import { type AuditSink, type Clock, isoTimestamp, Sec0Error, type Signer, systemClock } from "@sec0/core";
import { checkpointFields } from "./checkpoint.js";
import { type AuditConfig, resolveConfig } from "./config.js";
import { dateOfTimestamp } from "./day-file.js";
import { latestDayFile, type OpenDay, openDay } from "./open-day.js";
import { CHECKPOINT_TYPE, type ChainState, REPAIR_TYPE, sealRecord } from "./record.js";
import { startRetentionSweeper } from "./retention.js";
import { type AuditUploader, createAuditUploader } from "./upload.js";

/** Options of {@link Sec0Appender}: the 0.2.3 shape `{ config, signer }` plus injectable ports. */
export interface Sec0AppenderOptions {
  readonly config: AuditConfig;
  /** Core's `Signer` port (Ed25519 from `@sec0/signer` in production). */
  readonly signer: Signer;
  readonly clock?: Clock;
  /** `fetch` used by the presigned upload; defaults to the global one. */
  readonly fetch?: typeof fetch;
}

type Job =
  | {
      kind: "record";
      envelope: Readonly<Record<string, unknown>>;
      resolve(): void;
      reject(error: unknown): void;
    }
  | { kind: "checkpoint"; resolve(): void; reject(error: unknown): void };

/** A signed line (with its newline) to write, the job it settles, or both. */
interface Entry {
  readonly bytes: Buffer | undefined;
  readonly job?: Job;
}

/** Lines signed between two turns of the event loop (about 2–3 ms of signing). */
const STAGE_EVERY = 64;

/**
 * The file audit sink: signed, hash-chained NDJSON in daily files `<dir>/audit-YYYY-MM-DD.ndjson`,
 * with periodic signed checkpoints, crash repair, retention and optional presigned upload.
 * Appends are serialised through one queue: records are signed in call order and written in
 * group commits; `append` resolves once its line is as durable as `durability` promises.
 *
 * @throws {Sec0Error} `AUDIT_CONFIG_INVALID` for a bad config.
 * @example
 * const appender = new Sec0Appender({ config: { dir: ".sec0" }, signer });
 * await appender.append({ ts: new Date().toISOString(), tool: "search@1.0", decision: "allow" });
 * await appender.close();
 */
export class Sec0Appender implements AuditSink {
  private readonly config: ReturnType<typeof resolveConfig>;
  private readonly signer: Signer;
  private readonly clock: Clock;
  private readonly uploader: AuditUploader | undefined;
  private pending: Job[] = [];
  private staged: Entry[] = [];
  private draining: Promise<void> | undefined;
  private writing: Promise<void> | undefined;
  private writeError: unknown;
  private day: OpenDay | undefined;
  private closed = false;
  private readonly stopTimers: Array<() => void> = [];

  constructor(options: Sec0AppenderOptions) {
    this.config = resolveConfig(options.config);
    this.signer = options.signer;
    this.clock = options.clock ?? systemClock;
    this.uploader =
      this.config.presign === undefined
        ? undefined
        : createAuditUploader({
            dir: this.config.dir,
            presign: this.config.presign,
            fetch: options.fetch,
            clock: this.clock,
          });
    if (this.config.checkpointIntervalMs > 0) {
      const timer = setInterval(() => this.requestCheckpoint(), this.config.checkpointIntervalMs);
      timer.unref();
      this.stopTimers.push(() => clearInterval(timer));
    }
    if (this.config.retentionDays !== undefined || Object.keys(this.config.retentionByClass).length > 0) {
      this.stopTimers.push(
        startRetentionSweeper({
          dir: this.config.dir,
          retentionDays: this.config.retentionDays,
          retentionByClass: this.config.retentionByClass,
          clock: this.clock,
          keep: () => this.day?.date,
          onError: this.config.onAsyncError,
        }),
      );
    }
  }

  /** Signs, chains and writes one envelope; resolves when it is durable per the mode. */
  append(envelope: Readonly<Record<string, unknown>>): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ kind: "record", envelope, resolve, reject });
      this.kick();
    });
  }

  /** Waits for every accepted append to be written and synced, then uploads when configured. */
  async flush(): Promise<void> {
    await this.settle();
    if (this.day !== undefined) await this.day.writer.sync();
    if (this.uploader !== undefined && this.day !== undefined) await this.uploader.uploadDay(this.day.date);
  }

  /** Writes a final checkpoint (sealing the day file), flushes and closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return this.settle();
    this.closed = true;
    for (const stop of this.stopTimers) stop();
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ kind: "checkpoint", resolve, reject });
      this.kick();
    }).catch(() => undefined);
    await this.settle();
    const day = this.day;
    this.day = undefined;
    if (day !== undefined) {
      await day.writer.sync();
      await day.writer.close();
    }
  }

  private requestCheckpoint(): void {
    if (this.day === undefined || this.day.sinceCheckpoint === 0 || this.pending.length > 0) return;
    this.pending.push({
      kind: "checkpoint",
      resolve: () => undefined,
      reject: (error) => this.config.onAsyncError(error),
    });
    this.kick();
  }

  private async settle(): Promise<void> {
    for (
      let round = 0;
      round < 1_000_000 && (this.draining !== undefined || this.pending.length > 0);
      round += 1
    ) {
      if (this.draining === undefined) this.kick();
      await this.draining;
    }
    await this.idleWrites();
  }

  private kick(): void {
    if (this.draining !== undefined) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.pending.length > 0) this.kick();
    });
  }

  // Signing happens here, in call order and without awaiting the disk, so records keep arriving
  // in `staged` while the previous batch is being written: the next write takes them all. Every
  // STAGE_EVERY lines the signed ones are staged and the event loop gets a turn, so the writer's
  // write and fdatasync complete while the next lines are signed (one core does both).
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const jobs = this.pending;
      this.pending = [];
      let entries: Entry[] = [];
      for (const job of jobs) {
        try {
          if (this.writeError !== undefined) await this.recover(entries);
          if (job.kind === "checkpoint") {
            if (this.day !== undefined && this.day.sinceCheckpoint > 0)
              entries.push({ bytes: this.checkpointLine(this.day) });
            entries.push({ bytes: undefined, job });
            continue;
          }
          const fields = prepare(job.envelope, this.clock);
          const date = dateOfTimestamp(fields.ts);
          if (this.day === undefined || date > this.day.date) await this.rotate(date, entries);
          const day = this.day as unknown as OpenDay;
          entries.push({ bytes: this.nextLine(day, fields), job });
          if (day.sinceCheckpoint >= this.config.checkpointEvery)
            entries.push({ bytes: this.checkpointLine(day) });
        } catch (error) {
          job.reject(error);
        }
        if (entries.length >= STAGE_EVERY) {
          this.stage(entries);
          entries = [];
          if (this.writing !== undefined) await yieldToIo();
        }
      }
      this.stage(entries);
    }
  }

  // Signs `fields` (owned by the appender) as the day's next line; returns it with its newline.
  private nextLine(day: OpenDay, fields: Record<string, unknown>): Buffer {
    const { line, chain } = sealRecord(fields, this.signer, day.chain);
    day.chain = chain;
    day.accumulator.addLeafHash(line.leafHash());
    day.sinceCheckpoint += 1;
    return line.withNewline;
  }

  private checkpointLine(day: OpenDay): Buffer {
    const now = this.clock.now();
    const line = this.nextLine(day, checkpointFields(day.date, day.accumulator, now));
    day.sinceCheckpoint = 0;
    day.lastCheckpointAt = now;
    return line;
  }

  // Midnight (or the first append): seal the old day with a checkpoint, wait until every line
  // signed for it is on disk, then open the new day chained from the old day's last line.
  private async rotate(date: string, entries: Entry[]): Promise<void> {
    let carried: ChainState | undefined;
    const old = this.day;
    if (old !== undefined) {
      if (old.sinceCheckpoint > 0) entries.push({ bytes: this.checkpointLine(old) });
      this.stage(entries.splice(0));
      await this.idleWrites();
      if (this.writeError !== undefined) return this.recover(entries).then(() => this.rotate(date, entries));
      await old.writer.close();
      this.day = undefined;
      carried = old.chain;
      if (this.uploader !== undefined) {
        this.uploader.uploadDay(old.date).catch((error: unknown) => this.config.onAsyncError(error));
      }
    } else {
      const latest = await latestDayFile(this.config.dir);
      // Never write behind the newest file: its successor already chains from its last line.
      if (latest !== undefined && latest.date > date) date = latest.date;
    }
    this.day = await openDay({ dir: this.config.dir, signer: this.signer, clock: this.clock }, date, carried);
  }

  // After a failed write the in-memory chain no longer matches the file: drop the day and
  // reopen it from disk (repairing a torn line) before signing anything else.
  private async recover(entries: Entry[]): Promise<void> {
    this.stage(entries.splice(0));
    await this.idleWrites();
    const day = this.day;
    this.day = undefined;
    this.writeError = undefined;
    await day?.writer.close().catch(() => undefined);
  }

  private stage(entries: Entry[]): void {
    if (entries.length === 0) return;
    if (this.writeError !== undefined) {
      rejectAll(entries, this.writeError);
      return;
    }
    for (const entry of entries) this.staged.push(entry);
    this.startWriting();
  }

  private startWriting(): void {
    if (this.writing !== undefined || this.staged.length === 0) return;
    this.writing = this.writeLoop().finally(() => {
      this.writing = undefined;
      // Entries staged after the loop's last check but before this callback ran.
      this.startWriting();
    });
  }

  private async idleWrites(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  private async writeLoop(): Promise<void> {
    while (this.staged.length > 0) {
      const batch = this.staged;
      this.staged = [];
      const day = this.day;
      try {
        if (day === undefined)
          throw new Sec0Error("AUDIT_WRITE_FAILED", "No audit day file is open; retry the append.");
        await this.writeBatch(day, batch);
      } catch (error) {
        const failure = new Sec0Error(
          "AUDIT_WRITE_FAILED",
          `Writing the audit file failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
        this.writeError = failure;
        rejectAll(batch, failure);
        rejectAll(this.staged.splice(0), failure);
      }
    }
  }

  private async writeBatch(day: OpenDay, batch: Entry[]): Promise<void> {
    if (this.config.durability === "sync") {
      for (const entry of batch) {
        if (entry.bytes !== undefined) {
          await day.writer.write(entry.bytes);
          await day.writer.sync();
        }
        entry.job?.resolve();
      }
      return;
    }
    // One buffer, one write and (in batch mode) one fdatasync for the whole group.
    const chunks: Buffer[] = [];
    let size = 0;
    for (const entry of batch) {
      if (entry.bytes === undefined) continue;
      chunks.push(entry.bytes);
      size += entry.bytes.length;
    }
    if (size > 0)
      await day.writer.write(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    if (this.config.durability === "batch") await day.writer.sync();
    for (const entry of batch) entry.job?.resolve();
  }
}

function prepare(envelope: Readonly<Record<string, unknown>>, clock: Clock): Record<string, unknown> {
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    throw new Sec0Error("AUDIT_ENVELOPE_INVALID", "An audit envelope must be a plain object.");
  }
  // A copy the appender owns (`sealRecord` adds the chain fields to it). Rest destructuring, not
  // `{ ...envelope }`: V8 clones a spread into an object that turns slow when fields are added.
  const { sig: _sig, ...rest } = envelope;
  const fields: Record<string, unknown> = rest;
  if (fields.type === CHECKPOINT_TYPE || fields.type === REPAIR_TYPE) {
    throw new Sec0Error(
      "AUDIT_ENVELOPE_INVALID",
      `Envelope type "${String(fields.type)}" is reserved for the appender.`,
      {
        details: { field: "type" },
      },
    );
  }
  if (fields.ts === undefined || fields.ts === null) fields.ts = isoTimestamp(clock.now());
  return fields;
}

function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function rejectAll(entries: readonly Entry[], error: unknown): void {
  for (const entry of entries) entry.job?.reject(error);
}

function closedError(): Sec0Error {
  return new Sec0Error("AUDIT_APPENDER_CLOSED", "This Sec0Appender is closed; create a new one to append.");
}
