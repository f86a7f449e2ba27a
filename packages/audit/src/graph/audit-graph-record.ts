/** Where a record came from: its day file (or object key) and 1-based line (checkpoints and repairs count). */
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

/**
 * One audit line as a graph record. `undefined` when the line is no record (blank, not a JSON
 * object, or a checkpoint or repair line: those have a `type`); `"untraced"` for a record without
 * a string `trace_id` and `span_id`. Reads, does not verify.
 *
 * @example
 * const parsed = parseAuditGraphLine(line, { file: "audit-2026-01-01.ndjson", line: 3 });
 * if (typeof parsed === "object") records.push(parsed);
 */
export function parseAuditGraphLine(
  text: string,
  source: AuditGraphSource,
): AuditGraphRecord | "untraced" | undefined {
  const fields = parseObject(text);
  if (fields === undefined || "type" in fields) return undefined;
  const traceId = idOf(fields.trace_id);
  const spanId = idOf(fields.span_id);
  if (traceId === undefined || spanId === undefined) return "untraced";
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

/** A non-empty string id; `null`, absent and other types are no id. */
function idOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function timeOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") return Date.parse(value);
  return Number.NaN;
}
