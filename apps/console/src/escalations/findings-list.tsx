import type { Finding } from "./escalation-facts.js";

/** Props of {@link FindingsList}. */
export interface FindingsListProps {
  readonly findings: readonly Finding[];
}

/** The guard's findings on the call: code, severity and message, as text. */
export function FindingsList({ findings }: FindingsListProps) {
  return (
    <ul class="escalation-findings">
      {findings.map((finding, index) => (
        <li key={`${finding.code} ${index}`}>
          <code>{finding.code}</code>
          {finding.severity !== undefined && <span class="badge neutral">{finding.severity}</span>}
          {finding.message !== undefined && <span> {finding.message}</span>}
        </li>
      ))}
    </ul>
  );
}
