import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type AuditGraphRecord, listDayFiles, parseAuditGraphLine } from "@sec0/audit";

/** The records of one audit directory, and how many records had no `trace_id` / `span_id`. */
export interface AuditGraphRecords {
  readonly records: AuditGraphRecord[];
  readonly untraced: number;
}

/**
 * Reads every audit record of `dir`'s day files (oldest first), one line at a time, with
 * `parseAuditGraphLine`: checkpoint and repair lines and lines that are not JSON objects are
 * skipped; records without a string `trace_id` and `span_id` are counted as `untraced`.
 * `fileName` turns a day file's path into what `source.file` shows. Reads, does not verify.
 *
 * @example
 * const { records } = await readAuditGraphRecords("/srv/app/.sec0", (path) => path);
 */
export async function readAuditGraphRecords(
  dir: string,
  fileName: (path: string) => string,
): Promise<AuditGraphRecords> {
  const records: AuditGraphRecord[] = [];
  let untraced = 0;
  for (const day of await listDayFiles(dir)) {
    const file = fileName(day.path);
    let line = 0;
    const lines = createInterface({
      input: createReadStream(day.path, "utf8"),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const text of lines) {
      line += 1;
      const record = parseAuditGraphLine(text, { file, line });
      if (record === "untraced") untraced += 1;
      else if (record !== undefined) records.push(record);
    }
  }
  return { records, untraced };
}
