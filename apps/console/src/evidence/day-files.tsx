import { useEffect, useState } from "preact/hooks";
import { useLatestRequest } from "../api/use-latest-request.js";
import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { DayFileItem } from "./day-file-item.js";
import type { AuditLogSummary, AuditLogsReply } from "./evidence-types.js";

/** The tenant's stored day files, newest day first, loaded when shown; each can be verified. */
export function DayFiles({ session }: { readonly session: Session }) {
  const [logs, setLogs] = useState<readonly AuditLogSummary[] | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  // Bumped on each load so the items (and their verdicts) start over with the fresh list.
  const [generation, setGeneration] = useState(0);
  const latest = useLatestRequest();

  const load = async () => {
    setLoading(true);
    setError(undefined);
    await latest((signal) => session.api.json<AuditLogsReply>({ path: "/api/audit/logs", signal }), {
      done: (reply) => {
        setLogs(reply.logs);
        setGeneration((value) => value + 1);
      },
      failed: setError,
      settled: () => setLoading(false),
    });
  };

  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="stack" aria-labelledby="evidence-days-heading">
      <div class="row evidence-section-head">
        <h2 id="evidence-days-heading">Day files</h2>
        <button type="button" onClick={load} disabled={loading} aria-busy={loading}>
          {loading ? "Loading…" : "Refresh"}
        </button>
      </div>
      <Alert error={error} />
      {logs !== undefined && logs.length === 0 && (
        <p class="muted">No day files have been uploaded for this tenant yet.</p>
      )}
      {logs !== undefined && logs.length > 0 && (
        <ul class="day-files">
          {logs.map((log) => (
            <DayFileItem key={`${generation}:${log.object_key}`} session={session} log={log} />
          ))}
        </ul>
      )}
    </section>
  );
}
