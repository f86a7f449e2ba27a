import { Sec0Error } from "@sec0/core";
import { type AppendJob, rejectAll, type StagedLine } from "./append-job.js";
import type { Durability } from "./day-writer.js";
import type { OpenDay } from "./open-day.js";

/** Staged bytes past which a turn's lines are written without waiting for the turn to end. */
const WRITE_AT_BYTES = 256 * 1024;

/**
 * Writes staged lines to the open day file.
 *
 * - `none` and `batch`: the lines staged during one event-loop turn are written together at the
 *   end of it, in one synchronous `write(2)` (no thread-pool round trip; from then on a crash of
 *   this process cannot lose them); a tight loop that never yields has its lines written once
 *   they reach 256 KiB, so memory stays bounded. In `batch` mode they are then made durable in group commits:
 *   one `fdatasync` covers every line written up to `syncDelayMs` after the first unsynced one,
 *   or at once when a line's caller waits for it (`urgent`) or for a checkpoint job, and a line's
 *   job resolves when its group is synced. Lines written while a sync is in flight go into the
 *   next group.
 * - `sync`: one write and one `fdatasync` per line, in order, each resolving its job.
 *
 * After a failure every staged job is rejected and `error` stays set until `clearError`.
 *
 * @example
 * const writer = new GroupCommitWriter("batch", () => day, 2);
 * writer.stage([{ bytes: line, job }]);
 * await writer.idle();
 */
export class GroupCommitWriter {
  /** `sync` mode: lines waiting for their own write and sync. */
  private queued: StagedLine[] = [];
  /** `none` and `batch` mode: lines staged this turn, waiting for the turn's write. */
  private unwritten: StagedLine[] = [];
  /** Bytes of `unwritten`: past {@link WRITE_AT_BYTES} they are written at once. */
  private unwrittenBytes = 0;
  private writeScheduled = false;
  /** `batch` mode: the jobs of lines written, waiting for the next `fdatasync` (not their bytes). */
  private unsynced: AppendJob[] = [];
  private urgent = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly durability: Durability,
    private readonly currentDay: () => OpenDay | undefined,
    private readonly syncDelayMs = 0,
  ) {}

  /** The `AUDIT_WRITE_FAILED` error of the last failed write, until {@link clearError}. */
  get error(): unknown {
    return this.failure;
  }

  /** True while a write or sync is in flight. */
  get isWriting(): boolean {
    return this.writing !== undefined;
  }

  /** Forgets the last failure (the day was reopened from disk). */
  clearError(): void {
    this.failure = undefined;
  }

  /** Writes (or, in `sync` mode, queues) lines; after a failure, rejects them at once. */
  stage(lines: StagedLine[]): void {
    if (lines.length === 0) return;
    if (this.failure !== undefined) {
      rejectAll(lines, this.failure);
      return;
    }
    if (this.durability === "sync") {
      for (const line of lines) this.queued.push(line);
      this.start();
      return;
    }
    for (const line of lines) {
      this.unwritten.push(line);
      if (line.bytes !== undefined) this.unwrittenBytes += line.bytes.length;
    }
    // A caller that never yields to the event loop (a tight loop of awaited calls) must not pile
    // up every line in memory until the turn ends: past the bound the lines are written now.
    if (this.unwrittenBytes >= WRITE_AT_BYTES) {
      this.writeStaged();
      return;
    }
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    setImmediate(() => {
      this.writeScheduled = false;
      this.writeStaged();
    });
  }

  /** Resolves when everything staged is written and (in `batch` mode) synced; skips the delay. */
  async idle(): Promise<void> {
    this.writeStaged();
    this.urgent = this.unsynced.length > 0;
    this.scheduleSync();
    while (this.writing !== undefined) await this.writing;
  }

  // The turn's write: every line staged since the last one, in one system call.
  private writeStaged(): void {
    if (this.unwritten.length === 0) return;
    const lines = this.unwritten;
    this.unwritten = [];
    this.unwrittenBytes = 0;
    if (this.failure !== undefined) {
      rejectAll(lines, this.failure);
      return;
    }
    try {
      this.writeAll(lines);
    } catch (error) {
      this.fail(error, lines);
      return;
    }
    if (this.durability === "none") {
      for (const line of lines) line.job?.resolve();
      return;
    }
    for (const line of lines) {
      const job = line.job;
      if (job === undefined) continue;
      this.unsynced.push(job);
      // A checkpoint (close, midnight, the timer) is synced at once like a record someone waits for.
      if (job.kind === "checkpoint" || job.urgent === true) this.urgent = true;
    }
    this.scheduleSync();
  }

  private writeAll(lines: readonly StagedLine[]): void {
    const day = this.currentDay();
    if (day === undefined)
      throw new Sec0Error("AUDIT_WRITE_FAILED", "No audit day file is open; retry the append.");
    const chunks: Buffer[] = [];
    let size = 0;
    for (const line of lines) {
      if (line.bytes === undefined) continue;
      chunks.push(line.bytes);
      size += line.bytes.length;
    }
    if (size > 0)
      day.writer.writeNow(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
  }

  // A timer for the delay, or the sync itself when a caller waits (or there is no delay).
  private scheduleSync(): void {
    if (this.writing !== undefined || this.unsynced.length === 0) return;
    if (!this.urgent && this.syncDelayMs > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.urgent = true;
        this.scheduleSync();
      }, this.syncDelayMs);
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.urgent = false;
    const group = this.unsynced;
    this.unsynced = [];
    this.writing = this.syncGroup(group).finally(() => {
      this.writing = undefined;
      this.scheduleSync();
    });
  }

  private async syncGroup(group: AppendJob[]): Promise<void> {
    try {
      const day = this.currentDay();
      if (day === undefined)
        throw new Sec0Error("AUDIT_WRITE_FAILED", "No audit day file is open; retry the append.");
      await day.writer.sync();
      for (const job of group) job.resolve();
    } catch (error) {
      this.fail(
        error,
        group.map((job) => ({ bytes: undefined, job })),
      );
    }
  }

  private start(): void {
    if (this.writing !== undefined || this.queued.length === 0) return;
    this.writing = this.writeEach().finally(() => {
      this.writing = undefined;
      // Lines queued after the loop's last check but before this callback ran.
      this.start();
    });
  }

  private async writeEach(): Promise<void> {
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      const day = this.currentDay();
      try {
        if (day === undefined)
          throw new Sec0Error("AUDIT_WRITE_FAILED", "No audit day file is open; retry the append.");
        for (const line of batch) {
          if (line.bytes !== undefined) {
            await day.writer.write(line.bytes);
            await day.writer.sync();
          }
          line.job?.resolve();
        }
      } catch (error) {
        this.fail(error, batch);
      }
    }
  }

  // Sets the failure and rejects `lines` and everything still waiting.
  private fail(error: unknown, lines: readonly StagedLine[]): void {
    const failure = new Sec0Error(
      "AUDIT_WRITE_FAILED",
      `Writing the audit file failed: ${(error as Error).message}`,
      { cause: error },
    );
    this.failure = failure;
    rejectAll(lines, failure);
    rejectAll(this.queued.splice(0), failure);
    rejectAll(this.unwritten.splice(0), failure);
    for (const job of this.unsynced.splice(0)) job.reject(failure);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
