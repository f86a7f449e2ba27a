import { Sec0Error } from "@sec0/core";
import { rejectAll, type StagedLine } from "./append-job.js";
import type { Durability } from "./day-writer.js";
import type { OpenDay } from "./open-day.js";

/**
 * Writes staged lines to the open day file in group commits: every line staged while a write is
 * in flight goes into the next one (one buffer, one write and, in `batch` mode, one fdatasync).
 * After a failure every staged job is rejected and `error` stays set until `clearError`.
 *
 * @example
 * const writer = new GroupCommitWriter("batch", () => day);
 * writer.stage([{ bytes: line, job }]);
 * await writer.idle();
 */
export class GroupCommitWriter {
  private staged: StagedLine[] = [];
  private writing: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly durability: Durability,
    private readonly currentDay: () => OpenDay | undefined,
  ) {}

  /** The `AUDIT_WRITE_FAILED` error of the last failed write, until {@link clearError}. */
  get error(): unknown {
    return this.failure;
  }

  /** True while a write is in flight. */
  get isWriting(): boolean {
    return this.writing !== undefined;
  }

  /** Forgets the last failure (the day was reopened from disk). */
  clearError(): void {
    this.failure = undefined;
  }

  /** Queues lines for the next write; after a failure, rejects them at once. */
  stage(lines: StagedLine[]): void {
    if (lines.length === 0) return;
    if (this.failure !== undefined) {
      rejectAll(lines, this.failure);
      return;
    }
    for (const line of lines) this.staged.push(line);
    this.startWriting();
  }

  /** Resolves when nothing is being written. */
  async idle(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  private startWriting(): void {
    if (this.writing !== undefined || this.staged.length === 0) return;
    this.writing = this.writeLoop().finally(() => {
      this.writing = undefined;
      // Lines staged after the loop's last check but before this callback ran.
      this.startWriting();
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.staged.length > 0) {
      const batch = this.staged;
      this.staged = [];
      const day = this.currentDay();
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
        this.failure = failure;
        rejectAll(batch, failure);
        rejectAll(this.staged.splice(0), failure);
      }
    }
  }

  private async writeBatch(day: OpenDay, batch: StagedLine[]): Promise<void> {
    if (this.durability === "sync") {
      for (const line of batch) {
        if (line.bytes !== undefined) {
          await day.writer.write(line.bytes);
          await day.writer.sync();
        }
        line.job?.resolve();
      }
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for (const line of batch) {
      if (line.bytes === undefined) continue;
      chunks.push(line.bytes);
      size += line.bytes.length;
    }
    if (size > 0)
      await day.writer.write(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    if (this.durability === "batch") await day.writer.sync();
    for (const line of batch) line.job?.resolve();
  }
}
