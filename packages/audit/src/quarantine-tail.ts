import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** The bytes moved out of a day file, and where they are kept. */
export interface QuarantinedTail {
  /** File name (next to the day file) holding the bytes, unchanged. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Copies the bytes of `path` from `offset` to its end into `<path>.quarantine-<offset>-<sha256
 * prefix>` (written to a temporary file, synced, then renamed), so the caller can cut them from
 * the day file without losing them. Reads through one fixed-size buffer.
 */
export async function quarantineTail(path: string, offset: number): Promise<QuarantinedTail> {
  const temporary = `${path}.quarantine.tmp`;
  const target = await open(temporary, "w");
  let digest: { bytes: number; sha256: string };
  try {
    digest = await digestTail(path, offset, async (view) => {
      await target.write(view);
    });
    await target.sync();
  } catch (error) {
    // Nothing was copied (the day file vanished, or a read failed): leave no temporary behind.
    await target.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await target.close();
  const { bytes, sha256 } = digest;
  const name = `${path}.quarantine-${offset}-${sha256.slice(0, 12)}`;
  await rename(temporary, name);
  if (!existsSync(path)) {
    // The day file was removed (retention) while its tail was copied: drop the copy with it.
    await rm(name, { force: true });
    throw Object.assign(new Error(`${path} was removed`), { code: "ENOENT" });
  }
  return { file: basename(name), bytes, sha256 };
}

/**
 * Quarantine files of the day file at `path` cut at `offset` (the day file's current length):
 * bytes cut by an open that crashed before its repair record was written. A recorded cut is
 * always followed by its repair record, so the day file is longer than the offset of every
 * quarantine file it names.
 */
export async function unrecordedQuarantines(path: string, offset: number): Promise<QuarantinedTail[]> {
  const prefix = `${basename(path)}.quarantine-${offset}-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const found: QuarantinedTail[] = [];
  for (const name of names
    .filter((n) => n.startsWith(prefix) && /^[0-9a-f]{12}$/.test(n.slice(prefix.length)))
    .sort()) {
    found.push({ file: name, ...(await digestTail(join(dirname(path), name), 0)) });
  }
  return found;
}

/**
 * The byte count and SHA-256 of `path` from `offset` to its end, read through one fixed-size
 * buffer; `onChunk` sees each piece (to copy it) before the next is read.
 */
async function digestTail(
  path: string,
  offset: number,
  onChunk?: (view: Buffer) => Promise<void>,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const handle = await open(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, offset + bytes);
      if (bytesRead === 0) break;
      const view = chunk.subarray(0, bytesRead);
      hash.update(view);
      await onChunk?.(view);
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Removes the quarantine files of the day file at `path` (when retention removes the day). */
export async function removeQuarantined(path: string): Promise<void> {
  const name = basename(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const other of names) {
    if (other.startsWith(`${name}.quarantine-`)) await rm(join(dirname(path), other), { force: true });
  }
}
