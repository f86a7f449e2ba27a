import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { Sec0Error } from "@sec0/core";

const UTC_ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;
const DAY_FILE = /^audit-(\d{4}-\d{2}-\d{2})\.ndjson$/;

/** One daily audit file. */
export interface DayFile {
  /** UTC date `YYYY-MM-DD`. */
  readonly date: string;
  readonly path: string;
}

/** `audit-YYYY-MM-DD.ndjson`: the 0.2.3 daily file name. */
export function dayFileName(date: string): string {
  return `audit-${date}.ndjson`;
}

/** The UTC date (`YYYY-MM-DD`) of epoch milliseconds. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date of a day-file name, or `undefined` for any other file. */
export function dateOfDayFile(name: string): string | undefined {
  return DAY_FILE.exec(name)?.[1];
}

/** Day files in `dir`, oldest first; an absent directory has none. */
export async function listDayFiles(dir: string): Promise<DayFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .flatMap((name) => {
      const date = dateOfDayFile(name);
      return date === undefined ? [] : [{ date, path: join(dir, name) }];
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The UTC date an envelope belongs to: from `ts` (ISO string or epoch milliseconds).
 *
 * @throws {Sec0Error} `AUDIT_ENVELOPE_INVALID` when `ts` is present but not a time.
 */
export function dateOfTimestamp(ts: unknown): string {
  // The common case, a UTC ISO string, needs no Date parsing.
  if (typeof ts === "string" && ts.length >= 20 && ts.endsWith("Z") && UTC_ISO.test(ts))
    return ts.slice(0, 10);
  const ms = typeof ts === "number" ? ts : typeof ts === "string" ? Date.parse(ts) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new Sec0Error(
      "AUDIT_ENVELOPE_INVALID",
      "Envelope field ts is not a time; use an ISO 8601 string or omit it.",
      {
        details: { field: "ts" },
      },
    );
  }
  return utcDate(ms);
}
