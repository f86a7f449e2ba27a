import { useEffect, useState } from "preact/hooks";
import { useLatestRequest } from "../api/use-latest-request.js";
import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { downloadExport } from "./download-export.js";
import type { AuditRecord, AuditRecordsReply } from "./evidence-types.js";
import {
  EMPTY_FILTERS,
  exportQueryOf,
  MAX_RECORDS_LIMIT,
  type RecordFilterValues,
  type RecordQuery,
  recordQueryOf,
} from "./record-query.js";
import { RecordsTable } from "./records-table.js";

/** Props of {@link RecordSearch}. */
export interface RecordSearchProps {
  readonly session: Session;
  /** Shows the custody graph of a run (given only when the key may read the graph). */
  readonly onShowCustody?: (run: string) => void;
}

type Field = keyof RecordFilterValues;

/** Labels avoid "Run id"/"Trace id": those name the custody graph's inputs. */
const FIELDS: readonly { name: Field; label: string; type: string }[] = [
  { name: "node_id", label: "Node", type: "text" },
  { name: "run", label: "Run or agent", type: "text" },
  { name: "trace_id", label: "Trace", type: "text" },
  { name: "decision", label: "Decision", type: "text" },
  { name: "from", label: "From (local time)", type: "datetime-local" },
  { name: "to", label: "To, exclusive (local time)", type: "datetime-local" },
  { name: "limit", label: "Limit", type: "number" },
];

type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "loading" }
  | { readonly kind: "done"; readonly records: readonly AuditRecord[] };

/** The record search: filters, the matching records, and their export as NDJSON. */
export function RecordSearch({ session, onShowCustody }: RecordSearchProps) {
  const [values, setValues] = useState<RecordFilterValues>(EMPTY_FILTERS);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [error, setError] = useState<unknown>(undefined);
  const [invalid, setInvalid] = useState<{ field: Field; message: string } | undefined>(undefined);
  const [exported, setExported] = useState<string>("");
  const [exporting, setExporting] = useState(false);
  const latest = useLatestRequest();
  const canExport = session.can("audit:read");

  const search = async (query: RecordQuery) => {
    setStatus({ kind: "loading" });
    setError(undefined);
    await latest(
      (signal) => session.api.json<AuditRecordsReply>({ path: "/api/audit/records", query, signal }),
      {
        done: (reply) => setStatus({ kind: "done", records: reply.records }),
        failed: (failure) => {
          setError(failure);
          setStatus({ kind: "idle" });
        },
      },
    );
  };

  // The newest records show when the page opens.
  useEffect(() => {
    void search({ limit: Number(EMPTY_FILTERS.limit) });
  }, []);

  const validQuery = (): RecordQuery | undefined => {
    const result = recordQueryOf(values);
    if (!result.ok) {
      setInvalid({ field: result.field, message: result.message });
      document.getElementById(`evidence-filter-${result.field}`)?.focus();
      return undefined;
    }
    setInvalid(undefined);
    return result.query;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const query = validQuery();
    if (query !== undefined) void search(query);
  };

  const onExport = async () => {
    const query = validQuery();
    if (query === undefined) return;
    setExporting(true);
    setError(undefined);
    setExported("");
    try {
      const saved = await downloadExport(session.api, exportQueryOf(query));
      setExported(`Saved ${saved.filename} (${saved.bytes} bytes of stored lines, oldest first).`);
    } catch (failure) {
      setError(failure);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section class="stack" aria-labelledby="evidence-records-heading">
      <h2 id="evidence-records-heading">Audit records</h2>
      <form class="card evidence-search" data-testid="evidence-search" onSubmit={onSubmit} noValidate>
        <div class="evidence-filters">
          {FIELDS.map(({ name, label, type }) => (
            <label key={name} for={`evidence-filter-${name}`}>
              {label}
              <input
                id={`evidence-filter-${name}`}
                name={name}
                type={type}
                value={values[name]}
                min={type === "number" ? 1 : undefined}
                max={type === "number" ? MAX_RECORDS_LIMIT : undefined}
                list={name === "decision" ? "evidence-decisions" : undefined}
                aria-invalid={invalid?.field === name ? true : undefined}
                aria-describedby={invalid?.field === name ? "evidence-filter-error" : undefined}
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [name]: value }));
                }}
              />
            </label>
          ))}
          <datalist id="evidence-decisions">
            <option value="allow" />
            <option value="deny" />
            <option value="escalate" />
          </datalist>
        </div>
        {invalid !== undefined && (
          <p id="evidence-filter-error" class="alert" role="alert">
            {invalid.message}
          </p>
        )}
        <div class="row">
          <button type="submit" class="primary" disabled={status.kind === "loading"}>
            Search
          </button>
          {canExport ? (
            <button
              type="button"
              data-testid="evidence-export"
              onClick={onExport}
              disabled={exporting}
              aria-busy={exporting}
            >
              Export NDJSON
            </button>
          ) : (
            <span class="muted">Exporting the stored lines needs the audit:read scope (auditor role).</span>
          )}
        </div>
        <p class="muted" aria-live="polite">
          {exported}
        </p>
      </form>
      <Alert error={error} />
      <div aria-live="polite" aria-busy={status.kind === "loading"}>
        {status.kind === "loading" && <p class="muted">Searching…</p>}
        {status.kind === "done" && (
          <p class="muted">
            {status.records.length === 0
              ? "No records match these filters."
              : `${status.records.length} record${status.records.length === 1 ? "" : "s"}, newest first.`}
          </p>
        )}
      </div>
      {status.kind === "done" && status.records.length > 0 && (
        <RecordsTable records={status.records} onShowCustody={onShowCustody} />
      )}
    </section>
  );
}
