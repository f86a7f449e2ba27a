import { hrefOf, navigate } from "../router/route.js";
import { agentOf, reasonOf, toolRefOf } from "./escalation-facts.js";
import type { EscalationRecord } from "./escalation-types.js";
import { expiryText, relativeTime } from "./relative-time.js";
import { StatusBadge } from "./status-badge.js";
import { TimeText } from "./time-text.js";

/** Props of {@link EscalationRow}. */
export interface EscalationRowProps {
  readonly escalation: EscalationRecord;
  readonly now: number;
}

/**
 * One escalation of the queue: tool ref (the link to its detail), status, reason, agent, created and
 * expiry. The whole row opens the detail on a click; the link is the keyboard's way in.
 */
export function EscalationRow({ escalation, now }: EscalationRowProps) {
  const route = { page: "escalations", id: escalation.id } as const;
  const open = (event: MouseEvent) => {
    // The link navigates by itself, and a reader selecting text is not asking to open it.
    if (event.target instanceof Element && event.target.closest("a") !== null) return;
    if ((window.getSelection()?.toString() ?? "") !== "") return;
    navigate(route);
  };
  const tool = toolRefOf(escalation);
  const decided = escalation.resolved_at == null ? undefined : relativeTime(escalation.resolved_at, now);
  const expiry = expiryText(escalation.status, escalation.expires_at, now);
  return (
    <tr class="escalation-row" data-testid="escalation-row" onClick={open}>
      <td data-label="Tool">
        <a href={hrefOf(route)}>
          <code>{tool ?? escalation.id}</code>
        </a>
        {tool !== undefined && <div class="muted escalation-id">{escalation.id}</div>}
      </td>
      <td data-label="Status">
        <StatusBadge status={escalation.status} />
      </td>
      <td data-label="Reason">
        <code>{reasonOf(escalation) ?? "—"}</code>
      </td>
      <td data-label="Agent">{agentOf(escalation) ?? <span class="muted">—</span>}</td>
      <td data-label="Created">
        <TimeText iso={escalation.created_at} now={now} />
      </td>
      <td data-label="Expires">
        {expiry !== undefined ? (
          <TimeText iso={escalation.expires_at} now={now} text={expiry} />
        ) : decided !== undefined ? (
          <TimeText iso={escalation.resolved_at} now={now} text={`decided ${decided}`} />
        ) : (
          <span class="muted">—</span>
        )}
      </td>
    </tr>
  );
}
