import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import type { EscalationRecord, EscalationVerdict, EscalationVote } from "./escalation-types.js";
import { ownVote } from "./own-vote.js";
import { VoteForm } from "./vote-form.js";
import { VotesList } from "./votes-list.js";

/** Props of {@link VoteSection}. */
export interface VoteSectionProps {
  readonly session: Session;
  readonly escalation: EscalationRecord;
  readonly votes: readonly EscalationVote[] | undefined;
  readonly votesError: unknown;
  readonly now: number;
  readonly onVote: (action: EscalationVerdict, note: string) => Promise<boolean>;
  /** The last vote's failure. */
  readonly voteError: unknown;
  /** What the last vote did, announced politely. */
  readonly announcement: string;
}

/**
 * The votes so far and, for a key with `escalation:vote` on a pending escalation it has not voted
 * on, the note and the approve and reject buttons; otherwise a sentence saying why there are none.
 */
export function VoteSection(props: VoteSectionProps) {
  const { votes, now } = props;
  return (
    <section class="card stack escalation-voting" aria-labelledby="escalation-votes-heading">
      <h2 id="escalation-votes-heading">Votes</h2>
      <Alert error={props.votesError} />
      <VotesList votes={votes} now={now} />
      <h2>Your vote</h2>
      <p class="escalation-announcement" role="status" aria-live="polite">
        {props.announcement}
      </p>
      <Alert error={props.voteError} />
      <VoteControls {...props} />
    </section>
  );
}

function VoteControls({ session, escalation, votes, onVote }: VoteSectionProps) {
  if (!session.can("escalation:vote")) return <p class="muted">Voting needs the approver role.</p>;
  if (escalation.status !== "pending")
    return <p class="muted">This escalation is decided ({escalation.status}); votes are closed.</p>;
  const mine = votes === undefined ? undefined : ownVote(votes, session.me);
  if (mine !== undefined)
    return <p class="muted">You voted to {mine.action}; the escalation waits for the other approvers.</p>;
  return <VoteForm onVote={onVote} />;
}
