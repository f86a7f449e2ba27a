import { rm } from "node:fs/promises";
import type { Clock } from "@sec0/core";
import { listDayFiles, utcDate } from "./day-file.js";
import { forEachLine, readBytes } from "./for-each-line.js";
import { removeQuarantined } from "./quarantine-tail.js";
import { CHECKPOINT_TYPE, REPAIR_TYPE } from "./record.js";
import { saveRetentionHead } from "./retention-head.js";

const DAY_MS = 86_400_000;

/** Options of {@link sweepRetention}. */
export interface RetentionOptions {
  readonly dir: string;
  /** Days to keep records without a class (or of a class not in `retentionByClass`). Unset: forever. */
  readonly retentionDays?: number;
  /** Days to keep records of each class (`retention_class`, else `policy.retention`). */
  readonly retentionByClass?: Readonly<Record<string, number>>;
  readonly clock: Clock;
  /** A date never to remove (the appender's open day), besides today. */
  readonly keep?: () => string | undefined;
}

/**
 * Removes day files whose age in whole UTC days exceeds their retention, never today's file nor
 * the open one. A file's retention is the longest retention of any record in it: files are the
 * unit of the hash chain, so a record is never removed before its class allows, and a short-lived
 * class shares its file's (longer) life when mixed with longer-lived records. Before removing a
 * file it saves the file's closing checkpoint as `retention-head.json`, so the verifier can tell
 * this removal from a cut: the kept history must chain from that head.
 *
 * @example
 * await sweepRetention({ dir: ".sec0", retentionDays: 30, clock: systemClock });
 */
export async function sweepRetention(options: RetentionOptions): Promise<{ removed: string[] }> {
  const today = utcDate(options.clock.now());
  const keep = options.keep?.();
  const removed: string[] = [];
  for (const file of await listDayFiles(options.dir)) {
    if (file.date >= today || file.date === keep) continue;
    const age = Math.round((Date.parse(today) - Date.parse(file.date)) / DAY_MS);
    if (age > (await retentionOf(file.path, options))) {
      await saveRetentionHead(options.dir, file.path);
      await rm(file.path, { force: true });
      await removeQuarantined(file.path);
      removed.push(file.path);
    }
  }
  return { removed };
}

/**
 * Runs {@link sweepRetention} now and then daily on an unref'd timer; returns the stop function.
 */
export function startRetentionSweeper(
  options: RetentionOptions & { onError?: (error: unknown) => void },
): () => void {
  const run = (): void => {
    sweepRetention(options).catch((error: unknown) => options.onError?.(error));
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function retentionOf(path: string, options: RetentionOptions): Promise<number> {
  const fallback = options.retentionDays ?? Number.POSITIVE_INFINITY;
  const byClass = options.retentionByClass ?? {};
  if (Object.keys(byClass).length === 0) return fallback;
  let longest = 0;
  const consider = (line: string): boolean => {
    if (line === "") return true;
    const className = classOf(line);
    if (className === null) return true;
    longest = Math.max(longest, className === undefined ? fallback : (byClass[className] ?? fallback));
    return longest !== Number.POSITIVE_INFINITY;
  };
  try {
    // Streamed line by line in constant memory; a torn last line counts too, as before.
    const walk = await forEachLine(path, (bytes) => consider(bytes.toString("utf8")));
    if (walk.tornBytes > 0) {
      consider((await readBytes(path, walk.completeBytes, walk.tornBytes)).toString("utf8"));
    }
  } catch {
    return 0; // an unreadable file, as before: no record keeps it
  }
  return longest;
}

// undefined = a record without a class; null = not a record (checkpoint, repair).
function classOf(line: string): string | undefined | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (record.type === CHECKPOINT_TYPE || record.type === REPAIR_TYPE) return null;
  if (typeof record.retention_class === "string") return record.retention_class;
  const policy = record.policy as { retention?: unknown } | undefined;
  return typeof policy?.retention === "string" ? policy.retention : undefined;
}
