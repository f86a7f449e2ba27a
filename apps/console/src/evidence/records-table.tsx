import { useState } from "preact/hooks";
import { formatUtc } from "../shell/format-utc.js";
import { decisionTone } from "./badge-tone.js";
import type { AuditRecord } from "./evidence-types.js";
import { shortId } from "./format-evidence.js";

/** Props of {@link RecordsTable}. */
export interface RecordsTableProps {
  readonly records: readonly AuditRecord[];
  /** Shows the custody graph of a run; the run ids are plain text without it. */
  readonly onShowCustody?: (run: string) => void;
}

const COLUMNS = ["Time", "Decision", "Tool", "Trace id", "Node / run"] as const;

/** The records of a search, newest first; a row opens to the record's full JSON. */
export function RecordsTable({ records, onShowCustody }: RecordsTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div class="table-scroll evidence-records">
      <table class="cards">
        <caption class="visually-hidden">Audit records, newest first; open a row for its JSON</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => {
            const id = `${record.object_key}#${record.line}`;
            return (
              <RecordRow
                key={id}
                record={record}
                isOpen={open.has(id)}
                onToggle={() => toggle(id)}
                onShowCustody={onShowCustody}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface RecordRowProps {
  readonly record: AuditRecord;
  readonly isOpen: boolean;
  readonly onToggle: () => void;
  readonly onShowCustody: ((run: string) => void) | undefined;
}

function RecordRow({ record, isOpen, onToggle, onShowCustody }: RecordRowProps) {
  const run = record.run_id ?? record.agent_ref;
  const detailsId = `record-json-${record.line}-${record.line_sha256.slice(0, 12)}`;
  // A click anywhere on the row opens it; the time button is the keyboard way in.
  const onRowClick = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest("button, a") !== null) return;
    onToggle();
  };
  return (
    <>
      <tr data-testid="record-row" class={isOpen ? "record-row open" : "record-row"} onClick={onRowClick}>
        <td data-label="Time">
          <button
            type="button"
            class="link-button"
            aria-expanded={isOpen}
            aria-controls={isOpen ? detailsId : undefined}
            onClick={onToggle}
          >
            <span aria-hidden="true">{isOpen ? "▾ " : "▸ "}</span>
            {formatUtc(record.ts)}
          </button>
        </td>
        <td data-label="Decision">
          <span class={`badge ${decisionTone(record.decision)}`}>{record.decision ?? "none"}</span>
        </td>
        <td data-label="Tool">
          <code>{record.tool_ref ?? "—"}</code>
        </td>
        <td data-label="Trace id">
          {record.trace_id === null ? (
            <span class="muted">—</span>
          ) : (
            <code title={record.trace_id}>{shortId(record.trace_id)}</code>
          )}
        </td>
        <td data-label="Node / run">
          <span>{record.node_id ?? "—"}</span>
          {" / "}
          {run === null ? (
            <span class="muted">—</span>
          ) : onShowCustody === undefined ? (
            <code>{run}</code>
          ) : (
            <button
              type="button"
              class="link-button"
              aria-label={`Custody graph of run ${run}`}
              onClick={() => onShowCustody(run)}
            >
              <code>{run}</code>
            </button>
          )}
        </td>
      </tr>
      {isOpen && (
        <tr class="record-json">
          <td colSpan={COLUMNS.length} id={detailsId}>
            <p class="muted">
              Line {record.line} of <code>{record.object_key}</code>
            </p>
            <pre>{JSON.stringify(record, null, 2)}</pre>
          </td>
        </tr>
      )}
    </>
  );
}
