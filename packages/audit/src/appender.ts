import {
  type AuditAppendOptions,
  type AuditSink,
  type Clock,
  Sec0Error,
  type Signer,
  systemClock,
} from "@sec0/core";
import type { AppendJob, StagedLine } from "./append-job.js";
import { checkpointFields } from "./checkpoint.js";
import { type AuditConfig, resolveConfig } from "./config.js";
import { dateOfTimestamp } from "./day-file.js";
import { GroupCommitWriter } from "./group-commit-writer.js";
import { latestDayFile, type OpenDay, openDay } from "./open-day.js";
import { prepareEnvelope } from "./prepare-envelope.js";
import { type ChainState, sealRecord, sealUnsigned } from "./record.js";
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

/** Lines signed between two turns of the event loop (about 2–3 ms of signing). */
const STAGE_EVERY = 64;

/**
 * The file audit sink: signed, hash-chained NDJSON in daily files `<dir>/audit-YYYY-MM-DD.ndjson`,
 * with periodic signed checkpoints, crash repair, retention and optional presigned upload. With
 * `signing: "checkpoint"` record lines carry no signature of their own: the next signed
 * checkpoint (every `checkpointEvery` records or `checkpointIntervalMs`, and at close) covers them.
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
  private pending: AppendJob[] = [];
  private draining: Promise<void> | undefined;
  private readonly writer: GroupCommitWriter;
  private day: OpenDay | undefined;
  private closed = false;
  private readonly stopTimers: Array<() => void> = [];
  /** `signing: "per_record"`: every record line is signed; else only checkpoints and repairs. */
  private readonly signEach: boolean;

  constructor(options: Sec0AppenderOptions) {
    this.config = resolveConfig(options.config);
    this.signer = options.signer;
    this.clock = options.clock ?? systemClock;
    this.signEach = this.config.signing === "per_record";
    this.writer = new GroupCommitWriter(this.config.durability, () => this.day, this.config.syncDelayMs);
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
  append(envelope: Readonly<Record<string, unknown>>, options?: AuditAppendOptions): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    const urgent = options?.urgent === true;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ kind: "record", envelope, urgent, resolve, reject });
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
    await this.writer.idle();
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
      let entries: StagedLine[] = [];
      for (const job of jobs) {
        try {
          if (this.writer.error !== undefined) await this.recover(entries);
          if (job.kind === "checkpoint") {
            if (this.day !== undefined && this.day.sinceCheckpoint > 0)
              entries.push({ bytes: this.checkpointLine(this.day) });
            entries.push({ bytes: undefined, job });
            continue;
          }
          const fields = prepareEnvelope(job.envelope, this.clock);
          const date = dateOfTimestamp(fields.ts);
          if (this.day === undefined || date > this.day.date) await this.rotate(date, entries);
          const day = this.day as unknown as OpenDay;
          entries.push({ bytes: this.nextLine(day, fields, this.signEach), job });
          if (day.sinceCheckpoint >= this.config.checkpointEvery)
            entries.push({ bytes: this.checkpointLine(day) });
        } catch (error) {
          job.reject(error);
        }
        if (entries.length >= STAGE_EVERY) {
          this.writer.stage(entries);
          entries = [];
          if (this.writer.isWriting) await yieldToIo();
        }
      }
      if (!this.signEach) this.checkpointIfDue(entries);
      this.writer.stage(entries);
    }
  }

  // Checkpoint mode under load: the timer skips while appends are queued, so each drained batch
  // checks the interval itself and unsigned lines wait at most about `checkpointIntervalMs`.
  private checkpointIfDue(entries: StagedLine[]): void {
    const day = this.day;
    const interval = this.config.checkpointIntervalMs;
    if (day === undefined || day.sinceCheckpoint === 0 || interval === 0) return;
    if (this.clock.now() - day.lastCheckpointAt >= interval)
      entries.push({ bytes: this.checkpointLine(day) });
  }

  // Signs `fields` (owned by the appender) as the day's next line, or with `sign` false chains it
  // unsigned (checkpoint mode); returns it with its newline.
  private nextLine(day: OpenDay, fields: Record<string, unknown>, sign: boolean): Buffer {
    const { line, chain } = sign
      ? sealRecord(fields, this.signer, day.chain)
      : sealUnsigned(fields, this.signer.keyId, day.chain);
    day.chain = chain;
    day.accumulator.addLeafHash(line.leafHash());
    day.sinceCheckpoint += 1;
    return line.withNewline;
  }

  private checkpointLine(day: OpenDay): Buffer {
    const now = this.clock.now();
    const line = this.nextLine(day, checkpointFields(day.date, day.accumulator, now), true);
    day.sinceCheckpoint = 0;
    day.lastCheckpointAt = now;
    return line;
  }

  // Midnight (or the first append): seal the old day with a checkpoint, wait until every line
  // signed for it is on disk, then open the new day chained from the old day's last line.
  private async rotate(date: string, entries: StagedLine[]): Promise<void> {
    let carried: ChainState | undefined;
    const old = this.day;
    if (old !== undefined) {
      if (old.sinceCheckpoint > 0) entries.push({ bytes: this.checkpointLine(old) });
      this.writer.stage(entries.splice(0));
      await this.writer.idle();
      if (this.writer.error !== undefined)
        return this.recover(entries).then(() => this.rotate(date, entries));
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
  private async recover(entries: StagedLine[]): Promise<void> {
    this.writer.stage(entries.splice(0));
    await this.writer.idle();
    const day = this.day;
    this.day = undefined;
    this.writer.clearError();
    await day?.writer.close().catch(() => undefined);
  }
}

function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function closedError(): Sec0Error {
  return new Sec0Error("AUDIT_APPENDER_CLOSED", "This Sec0Appender is closed; create a new one to append.");
}
