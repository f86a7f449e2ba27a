import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AuditHead, parseAuditHead } from "./audit-head.js";
import { forEachLine, readBytes } from "./for-each-line.js";
import { CHECKPOINT_TYPE } from "./record.js";

/**
 * The file retention leaves in the audit directory when it removes day files: the signed
 * checkpoint that closed the newest removed day. The kept history must chain from it, and only a
 * head of a day older than every kept day file counts, so a cut inside a kept day still shows.
 */
export const RETENTION_HEAD_FILE = "retention-head.json";

/**
 * Saves the last line of the day file at `path` as the retention head when it is a checkpoint
 * (the appender closes every day with one), before retention removes the file. Returns whether
 * it did; a day that ended in a crash has no closing checkpoint, and then the kept history shows
 * as not starting from genesis.
 */
export async function saveRetentionHead(dir: string, path: string): Promise<boolean> {
  const last = await lastCompleteLine(path).catch(() => undefined);
  const head = last === undefined ? undefined : parseHead(last);
  if (head === undefined) return false;
  const target = join(dir, RETENTION_HEAD_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(head, null, 2)}\n`, { mode: 0o644 });
  await rename(`${target}.tmp`, target);
  return true;
}

/** The retention head of `dir`, or `undefined` when there is none or it is not a signed checkpoint. */
export async function readRetentionHead(dir: string): Promise<AuditHead | undefined> {
  const text = await readFile(join(dir, RETENTION_HEAD_FILE), "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseHead(text);
}

/** The last newline-terminated line of the file at `path`, streamed; `undefined` when none. */
async function lastCompleteLine(path: string): Promise<string | undefined> {
  let last: { offset: number; length: number } | undefined;
  await forEachLine(path, (bytes, offset) => {
    last = { offset, length: bytes.length };
    return true;
  });
  return last === undefined ? undefined : (await readBytes(path, last.offset, last.length)).toString("utf8");
}

function parseHead(text: string): AuditHead | undefined {
  try {
    const head = parseAuditHead(text);
    return head.type === CHECKPOINT_TYPE ? head : undefined;
  } catch {
    return undefined;
  }
}
