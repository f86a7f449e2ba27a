import { useCallback, useState } from "preact/hooks";
import type { Session } from "../session/session.js";
import { CustodyGraph, type CustodyRequest } from "./custody-graph.js";
import { DayFiles } from "./day-files.js";
import { RecordSearch } from "./record-search.js";
import "./evidence.css";

/** Props of {@link EvidencePage}. */
export interface EvidencePageProps {
  readonly session: Session;
}

/**
 * The evidence page: search the audit records (and export their stored lines), verify the
 * uploaded day files, and follow a run's custody graph. Needs `audit:read`; a key with only
 * `audit:ingest` may search the records.
 *
 * @example
 * <EvidencePage session={session} />
 */
export function EvidencePage({ session }: EvidencePageProps) {
  const canRead = session.can("audit:read");
  const canSearch = canRead || session.can("audit:ingest");
  const [custody, setCustody] = useState<CustodyRequest | undefined>(undefined);
  const showCustody = useCallback(
    (run: string) => setCustody((current) => ({ run, nonce: (current?.nonce ?? 0) + 1 })),
    [],
  );
  return (
    <div class="stack evidence-page">
      <h1>Evidence</h1>
      {canSearch ? (
        <RecordSearch session={session} onShowCustody={canRead ? showCustody : undefined} />
      ) : (
        <p class="muted">Searching audit records needs the audit:read scope (auditor or admin role).</p>
      )}
      {canRead ? (
        <>
          <DayFiles session={session} />
          <CustodyGraph session={session} request={custody} />
        </>
      ) : (
        <p class="muted">Day files and custody graphs need the audit:read scope (auditor or admin role).</p>
      )}
    </div>
  );
}
