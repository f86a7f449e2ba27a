import type { EscalationVote } from "./escalation-types.js";
import { TimeText } from "./time-text.js";

/** Props of {@link VotesList}. */
export interface VotesListProps {
  readonly votes: readonly EscalationVote[] | undefined;
  readonly now: number;
}

/** The votes so far, oldest first: who, approve or reject, their roles, when, and their note. */
export function VotesList({ votes, now }: VotesListProps) {
  if (votes === undefined) return <p class="muted">Loading votes…</p>;
  if (votes.length === 0) return <p class="muted">No votes yet.</p>;
  return (
    <ol class="escalation-votes">
      {votes.map((vote) => (
        <li key={`${vote.approver_id} ${vote.created_at}`} class="escalation-vote">
          <div class="row">
            <span class={`badge ${vote.action === "approve" ? "ok" : "bad"}`}>
              {vote.action === "approve" ? "approved" : "rejected"}
            </span>
            <code>{vote.approver_id}</code>
            {vote.actor_id !== null && vote.actor_id !== vote.approver_id && (
              <span class="muted">
                as <code>{vote.actor_id}</code>
              </span>
            )}
            <TimeText iso={vote.created_at} now={now} />
          </div>
          {vote.roles.length > 0 && <p class="muted escalation-vote-roles">Roles: {vote.roles.join(", ")}</p>}
          {vote.notes !== null && vote.notes !== "" && <p class="escalation-vote-note">{vote.notes}</p>}
        </li>
      ))}
    </ol>
  );
}
