import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { listDayFiles } from "@sec0/audit";

/** Where a record came from: its day file and 1-based line (checkpoints and repairs count). */
export interface AuditGraphSource {
  readonly file: string;
  readonly line: number;
}

/** One audit record with the ids that place it in the request graph. */
export interface AuditGraphRecord {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly causeTraceId: string | undefined;
  readonly causeSpanId: string | undefined;
  /** `ts` as epoch milliseconds; `NaN` when absent or not a time (sorts after every time). */
  readonly tsMs: number;
  readonly source: AuditGraphSource;
}

/** The records of one audit directory, and how many records had no `trace_id` / `span_id`. */
export interface AuditGraphRecords {
  readonly records: AuditGraphRecord[];
  readonly untraced: number;
}

/**
 * Reads every audit record of `dir`'s day files (oldest first), one line at a time: checkpoint and
 * repair lines (those with a `type`) and lines that are not JSON objects are skipped; records
 * without a string `trace_id` and `span_id` are counted as `untraced`. `fileName` turns a day
 * file's path into what `source.file` shows. Reads, does not verify.
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
      const fields = parseObject(text);
      if (fields === undefined || "type" in fields) continue;
      const record = toGraphRecord(fields, { file, line });
      if (record === undefined) untraced += 1;
      else records.push(record);
    }
  }
  return { records, untraced };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function toGraphRecord(
  fields: Record<string, unknown>,
  source: AuditGraphSource,
): AuditGraphRecord | undefined {
  const traceId = idOf(fields.trace_id);
  const spanId = idOf(fields.span_id);
  if (traceId === undefined || spanId === undefined) return undefined;
  return {
    fields,
    traceId,
    spanId,
    parentSpanId: idOf(fields.parent_span_id),
    causeTraceId: idOf(fields.cause_trace_id),
    causeSpanId: idOf(fields.cause_span_id),
    tsMs: timeOf(fields.ts),
    source,
  };
}

/** A non-empty string id; `null`, absent and other types are no id. */
function idOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function timeOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") return Date.parse(value);
  return Number.NaN;
}
