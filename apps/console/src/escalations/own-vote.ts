import type { EscalationVote } from "./escalation-types.js";

/** Who the signed-in key votes as: its user, else the key itself (as the control plane counts it). */
export interface Voter {
  readonly keyId: string;
  readonly userId?: string;
}

/**
 * The signed-in approver's vote among `votes`, or `undefined` when they have not voted. The control
 * plane counts a vote for the key's user, or the key id when it has none.
 *
 * @example
 * ownVote(votes, session.me)?.action; // "approve"
 */
export function ownVote(votes: readonly EscalationVote[], voter: Voter): EscalationVote | undefined {
  const approverId = voter.userId ?? voter.keyId;
  return votes.find((vote) => vote.approver_id === approverId);
}
