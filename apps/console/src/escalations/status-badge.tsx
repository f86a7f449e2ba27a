import type { EscalationStatus } from "./escalation-types.js";
import { statusTone } from "./status-tone.js";

/** Props of {@link StatusBadge}. */
export interface StatusBadgeProps {
  readonly status: EscalationStatus;
  /** Set on the detail's one status badge only (`escalation-status`). */
  readonly testId?: string;
}

/** An escalation's status as a coloured badge whose text is the status word. */
export function StatusBadge({ status, testId }: StatusBadgeProps) {
  return (
    <span class={`badge ${statusTone(status)}`} data-testid={testId}>
      {status}
    </span>
  );
}
