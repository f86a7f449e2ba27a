import type { ApiClient } from "../api/api-client.js";
import type {
  EscalationRecord,
  EscalationVerdict,
  EscalationVote,
  StatusFilter,
} from "./escalation-types.js";

/** How many escalations the queue asks for (the control plane answers at most 200). */
export const QUEUE_LIMIT = 100;

/** How long one long-poll read of an escalation asks the control plane to hold the reply. */
export const LONG_POLL_WAIT = "25s";

/** The path of one escalation. */
export function escalationPath(id: string): string {
  return `/api/escalations/${encodeURIComponent(id)}`;
}

/**
 * `GET /api/escalations[?status=]&limit=`: pending ones first (soonest expiry first), then newest first.
 *
 * @throws {ApiError} on a failed call.
 */
export async function fetchEscalations(
  api: ApiClient,
  filter: StatusFilter,
  signal?: AbortSignal,
): Promise<readonly EscalationRecord[]> {
  const reply = await api.json<{ escalations: EscalationRecord[] }>({
    path: "/api/escalations",
    query: { status: filter === "all" ? undefined : filter, limit: QUEUE_LIMIT },
    signal,
  });
  return reply.escalations;
}

/** Options of {@link fetchEscalation}. */
export interface FetchEscalationOptions {
  /** Long-poll: the control plane answers when the escalation changes or after this wait (`25s`). */
  readonly wait?: string;
  readonly signal?: AbortSignal;
}

/**
 * `GET /api/escalations/:id[?wait=]`.
 *
 * @throws {ApiError} on a failed call (`CP_NOT_FOUND` for an id of no escalation of the tenant).
 */
export async function fetchEscalation(
  api: ApiClient,
  id: string,
  options: FetchEscalationOptions = {},
): Promise<EscalationRecord> {
  const reply = await api.json<{ escalation: EscalationRecord }>({
    path: escalationPath(id),
    query: { wait: options.wait },
    signal: options.signal,
  });
  return reply.escalation;
}

/**
 * `GET /api/escalations/:id/votes`: the votes so far, oldest first.
 *
 * @throws {ApiError} on a failed call.
 */
export async function fetchVotes(
  api: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<readonly EscalationVote[]> {
  const reply = await api.json<{ votes: EscalationVote[] }>({ path: `${escalationPath(id)}/votes`, signal });
  return reply.votes;
}

/**
 * `PUT /api/escalations/:id` with `{action, notes?}` (scope `escalation:vote`): the escalation after
 * the vote. A blank note is left out.
 *
 * @throws {ApiError} `CP_ESCALATION_FINAL` when it is already decided, `CP_VOTE_DUPLICATE` for a
 *   second vote of the same approver, `CP_SCOPE_MISSING` without the scope.
 */
export async function voteOnEscalation(
  api: ApiClient,
  id: string,
  action: EscalationVerdict,
  notes: string,
): Promise<EscalationRecord> {
  const trimmed = notes.trim();
  const reply = await api.json<{ escalation: EscalationRecord }>({
    method: "PUT",
    path: escalationPath(id),
    body: trimmed === "" ? { action } : { action, notes: trimmed },
  });
  return reply.escalation;
}
