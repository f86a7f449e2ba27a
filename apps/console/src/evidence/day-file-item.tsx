import { useState } from "preact/hooks";
import { useLatestRequest } from "../api/use-latest-request.js";
import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { formatUtc } from "../shell/format-utc.js";
import type { AuditLogSummary, StoredLogVerdict } from "./evidence-types.js";
import { formatBytes } from "./format-evidence.js";
import { verdictBadge } from "./verdict-badge.js";
import { VerdictDetails } from "./verdict-details.js";

/** Props of {@link DayFileItem}. */
export interface DayFileItemProps {
  readonly session: Session;
  readonly log: AuditLogSummary;
}

/**
 * One stored day file with its verification: the verdict is asked for on each click and kept
 * only while the item is shown, so a file changed at rest is never reported from memory.
 */
export function DayFileItem({ session, log }: DayFileItemProps) {
  const [verdict, setVerdict] = useState<StoredLogVerdict | undefined>(undefined);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const latest = useLatestRequest();

  const verify = async () => {
    setVerifying(true);
    setError(undefined);
    const query = { object_key: log.object_key };
    await latest(
      (signal) => session.api.json<StoredLogVerdict>({ path: "/api/audit/logs/verify", query, signal }),
      {
        done: setVerdict,
        failed: (failure) => {
          setVerdict(undefined);
          setError(failure);
        },
        settled: () => setVerifying(false),
      },
    );
  };

  const badge = verdictBadge(verdict?.status);
  const titleId = `day-file-${log.object_key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <li
      class="card day-file"
      data-testid="day-file"
      data-object-key={log.object_key}
      aria-labelledby={titleId}
    >
      <div class="day-file-head">
        <h3 id={titleId}>{log.day === "" ? "Undated file" : log.day}</h3>
        <span aria-live="polite">
          <span class={`badge ${badge.tone}`} data-testid="day-file-badge">
            {badge.text}
          </span>
        </span>
      </div>
      <p class="day-file-key">
        <code>{log.object_key}</code>
      </p>
      <dl class="day-file-facts">
        <div>
          <dt>Lines</dt>
          <dd>{log.lines}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd title={`${log.bytes} bytes`}>{formatBytes(log.bytes)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <time dateTime={log.updated_at}>{formatUtc(log.updated_at)}</time>
          </dd>
        </div>
      </dl>
      <div class="row">
        <button
          type="button"
          data-testid="day-file-verify"
          onClick={verify}
          disabled={verifying}
          aria-busy={verifying}
          aria-describedby={titleId}
        >
          {verifying ? "Verifying…" : verdict === undefined ? "Verify" : "Verify again"}
        </button>
        <span class="muted">Re-reads the stored file: signatures, chain, checkpoints, witness.</span>
      </div>
      <Alert error={error} />
      {verdict !== undefined && <VerdictDetails verdict={verdict} />}
    </li>
  );
}
