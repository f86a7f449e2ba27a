import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "@sec0/core";
import type { ScanRecord } from "./scan-types.js";

/** Where scan results live between restarts. */
export interface ScanStore {
  get(key: string): ScanRecord | undefined;
  put(record: ScanRecord): void;
  /** Writes pending changes (atomically); called after each put, coalesced. */
  flush(): Promise<void>;
}

const FILE = "scan-results.json";
const MAX_RECORDS = 10_000;

/** A store in memory only (tests, or no `.sec0`). */
export function createMemoryScanStore(): ScanStore {
  const records = new Map<string, ScanRecord>();
  return {
    get: (key) => records.get(key),
    put(record) {
      records.delete(record.key);
      records.set(record.key, record);
      if (records.size > MAX_RECORDS) records.delete(records.keys().next().value as string);
    },
    flush: async () => {},
  };
}

/**
 * A store in `<dir>/scan-results.json` (e.g. `.sec0/scans`), so a restart neither rescans nor
 * forgets a failure. Written atomically (temp file, rename); a file that does not parse is moved
 * aside as `scan-results.json.corrupt-<ms>` (nothing is lost) and the store starts empty: every
 * target is then unscanned, which blocks under `block_on_change` (fail closed).
 */
export function createFileScanStore(dir: string, logger: Logger): ScanStore {
  const path = join(dir, FILE);
  const records = new Map<string, ScanRecord>();
  for (const record of readRecords(path, logger)) records.set(record.key, record);
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  const write = (): void => {
    if (!dirty) return;
    dirty = false;
    try {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ version: 1, records: [...records.values()] })}\n`, {
        mode: 0o600,
      });
      renameSync(temp, path);
    } catch (error) {
      logger.error({ err: (error as Error).message, path }, "sec0 could not save scan results");
    }
  };
  return {
    get: (key) => records.get(key),
    put(record) {
      records.delete(record.key);
      records.set(record.key, record);
      if (records.size > MAX_RECORDS) records.delete(records.keys().next().value as string);
      dirty = true;
      // Coalesced: puts in the same tick are written once.
      writing = writing.then(() => new Promise<void>((done) => setImmediate(() => done(write()))));
    },
    flush: () => writing,
  };
}

function readRecords(path: string, logger: Logger): ScanRecord[] {
  if (!existsSync(path)) return [];
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { version?: number; records?: unknown };
    if (parsed.version !== 1 || !Array.isArray(parsed.records))
      throw new Error("not a sec0 scan-results file");
    return parsed.records.filter(isRecord);
  } catch (error) {
    const aside = `${path}.corrupt-${Date.now()}`;
    try {
      renameSync(path, aside);
    } catch {
      // left in place; it is read again next time
    }
    logger.warn(
      { err: (error as Error).message, path, movedTo: aside },
      "sec0 scan results did not parse; starting with none (every tool is unscanned)",
    );
    return [];
  }
}

function isRecord(value: unknown): value is ScanRecord {
  const record = value as ScanRecord | null;
  return (
    typeof record?.key === "string" &&
    typeof record.digest === "string" &&
    (record.status === "pass" || record.status === "fail") &&
    typeof record.scannedAt === "number" &&
    Array.isArray(record.findings)
  );
}
