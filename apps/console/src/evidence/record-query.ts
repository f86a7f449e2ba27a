/** The search form's raw values (what the inputs hold). */
export interface RecordFilterValues {
  readonly node_id: string;
  readonly run: string;
  readonly trace_id: string;
  readonly decision: string;
  /** A `datetime-local` value (`YYYY-MM-DDTHH:mm`, local time) or `""`. */
  readonly from: string;
  readonly to: string;
  readonly limit: string;
}

/** The filters sent to `GET /api/audit/records` and its export (empty values are left out). */
export type RecordQuery = {
  readonly node_id?: string;
  readonly run?: string;
  readonly trace_id?: string;
  readonly decision?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
};

/** A query, or the sentence saying which field is wrong. */
export type RecordQueryResult =
  | { readonly ok: true; readonly query: RecordQuery }
  | { readonly ok: false; readonly field: keyof RecordFilterValues; readonly message: string };

/** The empty form: every record, the newest 100. */
export const EMPTY_FILTERS: RecordFilterValues = {
  node_id: "",
  run: "",
  trace_id: "",
  decision: "",
  from: "",
  to: "",
  limit: "100",
};

/** Largest page `GET /api/audit/records` answers. */
export const MAX_RECORDS_LIMIT = 500;

/**
 * The query of the form's values: text trimmed, times as ISO instants, the limit a whole number
 * from 1 to {@link MAX_RECORDS_LIMIT}.
 *
 * @example
 * recordQueryOf({ ...EMPTY_FILTERS, run: " run-1 " }); // { ok: true, query: { run: "run-1", limit: 100 } }
 */
export function recordQueryOf(values: RecordFilterValues): RecordQueryResult {
  const query: Record<string, string | number> = {};
  for (const name of ["node_id", "run", "trace_id", "decision"] as const) {
    const value = values[name].trim();
    if (value !== "") query[name] = value;
  }
  for (const name of ["from", "to"] as const) {
    const value = values[name].trim();
    if (value === "") continue;
    const time = new Date(value);
    if (Number.isNaN(time.getTime())) {
      return { ok: false, field: name, message: `"${name}" is not a date and time: use the picker.` };
    }
    query[name] = time.toISOString();
  }
  const limit = values.limit.trim();
  if (limit !== "") {
    const count = Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > MAX_RECORDS_LIMIT) {
      return {
        ok: false,
        field: "limit",
        message: `"limit" must be a whole number from 1 to ${MAX_RECORDS_LIMIT}.`,
      };
    }
    query.limit = count;
  }
  return { ok: true, query };
}

/**
 * The export's filters: the search's without its limit (the export is oldest first and pages
 * by its own limit, up to 10 000 lines).
 *
 * @example
 * exportQueryOf({ run: "run-1", limit: 100 }); // { run: "run-1" }
 */
export function exportQueryOf(query: RecordQuery): RecordQuery {
  const { limit: _limit, ...filters } = query;
  return filters;
}
