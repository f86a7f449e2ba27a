import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/api-error.js";
import { hrefOf } from "../router/route.js";
import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { CallSection } from "./call-section.js";
import { voteOnEscalation } from "./escalation-api.js";
import { toolRefOf } from "./escalation-facts.js";
import type { EscalationVerdict } from "./escalation-types.js";
import { expiryText } from "./relative-time.js";
import { StatusBadge } from "./status-badge.js";
import { useEscalationDetail } from "./use-escalation-detail.js";
import { useNow } from "./use-now.js";
import { VoteSection } from "./vote-section.js";

/** Props of {@link EscalationDetail}. */
export interface EscalationDetailProps {
  readonly session: Session;
  readonly id: string;
}

/** Replies to a vote that mean the page is behind: read the escalation again. */
const STALE_CODES = new Set(["CP_ESCALATION_FINAL", "CP_VOTE_DUPLICATE"]);

/**
 * One escalation: its status (announced when it changes), the call it stops with the redacted
 * arguments, the votes so far and, for an approver, the vote. Kept fresh by long-polls while pending.
 */
export function EscalationDetail({ session, id }: EscalationDetailProps) {
  const detail = useEscalationDetail(session.api, id);
  const now = useNow(1000);
  const [voteError, setVoteError] = useState<unknown>(undefined);
  const [announcement, setAnnouncement] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = detail.escalation !== undefined;

  // Opening an escalation moves focus to its heading, so a screen reader starts there.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  const onVote = async (action: EscalationVerdict, note: string): Promise<boolean> => {
    setVoteError(undefined);
    setAnnouncement("");
    try {
      const reply = await voteOnEscalation(session.api, id, action, note);
      detail.applyReply(reply);
      setAnnouncement(
        `Your ${action === "approve" ? "approval" : "rejection"} was recorded; the escalation is ${reply.status}.`,
      );
      return true;
    } catch (error) {
      setVoteError(error);
      if (error instanceof ApiError && STALE_CODES.has(error.code)) detail.refresh();
      return false;
    }
  };

  const back = (
    <p>
      <a href={hrefOf({ page: "escalations" })}>← Back to the queue</a>
    </p>
  );
  const { escalation } = detail;
  if (escalation === undefined) {
    return (
      <div class="stack">
        {back}
        <Alert error={detail.error} />
        {detail.loading && (
          <p class="muted" aria-busy="true">
            Loading escalation {id}…
          </p>
        )}
      </div>
    );
  }

  const expiry = expiryText(escalation.status, escalation.expires_at, now);
  return (
    <div class="stack">
      {back}
      <article
        class="stack escalation-detail"
        data-testid="escalation-detail"
        aria-labelledby="escalation-heading"
      >
        <header class="card stack escalation-head">
          <h1 id="escalation-heading" ref={heading} tabIndex={-1}>
            <code class="escalation-tool">{toolRefOf(escalation) ?? "Escalation"}</code>
          </h1>
          <p class="muted escalation-id">
            Escalation <code>{escalation.id}</code>
          </p>
          <p class="row">
            {/* Only the status is live: the countdown beside it would be read out every second. */}
            <span aria-live="polite">
              Status: <StatusBadge status={escalation.status} testId="escalation-status" />
            </span>
            {expiry !== undefined && <span class="muted">{expiry}</span>}
          </p>
          {escalation.requester_status_message != null && escalation.requester_status_message !== "" && (
            <p>
              <span class="muted">The requester is told:</span> {escalation.requester_status_message}
            </p>
          )}
          {escalation.finalization_reason != null && escalation.finalization_reason !== "" && (
            <p>
              Decided because: <code>{escalation.finalization_reason}</code>
            </p>
          )}
        </header>
        <Alert error={detail.error} />
        <div class="escalation-detail-grid">
          <CallSection escalation={escalation} now={now} />
          <VoteSection
            session={session}
            escalation={escalation}
            votes={detail.votes}
            votesError={detail.votesError}
            now={now}
            onVote={onVote}
            voteError={voteError}
            announcement={announcement}
          />
        </div>
      </article>
    </div>
  );
}
