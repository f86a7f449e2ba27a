import { constants, writeSync } from "node:fs";
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";

/** How hard `append` works before it resolves. */
export type Durability = "none" | "batch" | "sync";

/** The durability modes, for validation and docs. */
export const DURABILITY_MODES: readonly Durability[] = ["none", "batch", "sync"];

/**
 * An append-only handle on one day file. Every write goes through `O_APPEND` in one call per
 * batch (looping only on short writes), so lines from one process never interleave.
 */
export class DayWriter {
  private constructor(private readonly handle: FileHandle) {}

  /**
   * Opens `path` for appending, creating it and its directory when absent; with `create: false`
   * an absent file is an `ENOENT` error instead (an earlier day removed by retention meanwhile).
   */
  static async open(path: string, create = true): Promise<DayWriter> {
    if (!create) return new DayWriter(await open(path, constants.O_WRONLY | constants.O_APPEND));
    await mkdir(dirname(path), { recursive: true });
    return new DayWriter(await open(path, "a"));
  }

  /** Cuts the file to `length` bytes: used to cut a bad tail once it is quarantined. */
  async truncate(length: number): Promise<void> {
    await this.handle.truncate(length);
  }

  /** Appends `data` (a string as UTF-8) completely. */
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, null);
      offset += bytesWritten;
    }
  }

  /**
   * Appends `bytes` completely with synchronous `write(2)` calls: a copy into the page cache of at
   * most a few hundred KB (the appender stages 64 lines at a time), cheaper than a thread-pool
   * round trip per batch, and on the OS (safe from a crash of this process) when it returns.
   */
  writeNow(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.handle.fd, bytes, offset, bytes.length - offset);
  }

  /** Forces written data to stable storage (`fdatasync`). */
  async sync(): Promise<void> {
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
