import { z } from "zod";
import { IsoDateTimeSchema, JsonObjectSchema } from "./primitives.js";

/** Lifecycle state of an escalation; all but `pending` are terminal. */
export const EscalationStatusSchema = z.enum(["pending", "approved", "rejected", "expired"]);

/** Lifecycle state of an escalation. */
export type EscalationStatus = z.infer<typeof EscalationStatusSchema>;

/**
 * True when an escalation will not change any more (`approved`, `rejected` or `expired`).
 *
 * @example
 * isEscalationTerminal("expired"); // true
 */
export function isEscalationTerminal(status: EscalationStatus): boolean {
  return status !== "pending";
}

const count = z.number().int().nonnegative().nullish();
const roleList = z.array(z.string()).nullish();

/**
 * An escalation as the control plane returns it (snake_case): 0.2.3's members, then sec0's (what
 * the request named — violation, tool, call digest, node and run — and the approval strategy with
 * its thresholds and the votes counted so far). Every member but `id` and `status` may be absent
 * or `null` (a 0.2.3 control plane sends only its own); unknown members are kept.
 *
 * @example
 * EscalationRecordSchema.parse({ id: "esc_1", status: "pending", expires_at: "2026-02-01T13:00:00.000Z" });
 */
export const EscalationRecordSchema = z.looseObject({
  id: z.string().min(1),
  status: EscalationStatusSchema,
  expires_at: IsoDateTimeSchema.nullish(),
  created_at: IsoDateTimeSchema.nullish(),
  resolved_at: IsoDateTimeSchema.nullish(),
  finalization_reason: z.string().nullish(),
  requester_status_message: z.string().nullish(),
  /** What the requester attached: the guard sends `tool_ref`, `reasons`, `trace_id`, `findings`, `arguments`… */
  metadata: JsonObjectSchema.nullish(),
  violation: z.string().nullish(),
  severity: z.string().nullish(),
  content: z.string().nullish(),
  rule_id: z.string().nullish(),
  message: z.string().nullish(),
  tool_ref: z.string().nullish(),
  call_digest: z.string().nullish(),
  node_id: z.string().nullish(),
  /** The agent's run id. */
  agent_ref: z.string().nullish(),
  approval_strategy: z.string().nullish(),
  min_approvals: count,
  min_rejections: count,
  required_roles: roleList,
  veto_roles: roleList,
  approvals: count,
  rejections: count,
});

/** An escalation as the control plane returns it. */
export type EscalationRecord = z.infer<typeof EscalationRecordSchema>;

/**
 * Reply of `POST`, `GET` and `PUT /api/escalations[/{id}]`: `{escalation: {...}}`.
 *
 * @example
 * EscalationResponseSchema.parse({ escalation: { id: "esc_1", status: "approved" } });
 */
export const EscalationResponseSchema = z.looseObject({ escalation: EscalationRecordSchema });

/** Reply of the escalation endpoints. */
export type EscalationResponse = z.infer<typeof EscalationResponseSchema>;

/**
 * A created escalation as a reporter returns it (0.2.3 `EscalationCreateResult`, camelCase).
 *
 * @example
 * EscalationCreateResultSchema.parse({ id: "esc_1", status: "pending" });
 */
export const EscalationCreateResultSchema = z.object({
  id: z.string().min(1),
  status: EscalationStatusSchema,
  expiresAt: IsoDateTimeSchema.optional(),
  createdAt: IsoDateTimeSchema.optional(),
  requesterStatusMessage: z.string().optional(),
});

/** A created escalation as a reporter returns it. */
export type EscalationCreateResult = z.infer<typeof EscalationCreateResultSchema>;

/**
 * The state of an escalation as a resolver returns it (0.2.3 `EscalationStatusResult`).
 *
 * @example
 * EscalationStatusResultSchema.parse({ id: "esc_1", status: "rejected", finalizationReason: "rejected by bob" });
 */
export const EscalationStatusResultSchema = EscalationCreateResultSchema.extend({
  resolvedAt: IsoDateTimeSchema.optional(),
  finalizationReason: z.string().optional(),
  metadata: JsonObjectSchema.optional(),
});

/** The state of an escalation as a resolver returns it. */
export type EscalationStatusResult = z.infer<typeof EscalationStatusResultSchema>;

/**
 * Maps the wire record to a resolver's camelCase result; `null` members are left out.
 *
 * @example
 * fromEscalationRecord({ id: "esc_1", status: "pending", expires_at: null }); // { id: "esc_1", status: "pending" }
 */
export function fromEscalationRecord(record: EscalationRecord): EscalationStatusResult {
  const result: EscalationStatusResult = { id: record.id, status: record.status };
  if (record.expires_at != null) result.expiresAt = record.expires_at;
  if (record.created_at != null) result.createdAt = record.created_at;
  if (record.resolved_at != null) result.resolvedAt = record.resolved_at;
  if (record.finalization_reason != null) result.finalizationReason = record.finalization_reason;
  if (record.requester_status_message != null)
    result.requesterStatusMessage = record.requester_status_message;
  if (record.metadata != null) result.metadata = record.metadata;
  return result;
}

/** A human's verdict on an escalation. */
export const EscalationVerdictSchema = z.enum(["approve", "reject"]);

/** A human's verdict on an escalation. */
export type EscalationVerdict = z.infer<typeof EscalationVerdictSchema>;

/**
 * One vote on an escalation, as `GET /api/escalations/{id}/votes` lists it (oldest first). The
 * voting key's id is never part of it.
 *
 * @example
 * EscalationVoteSchema.parse({ approver_id: "alice", action: "approve", roles: ["sre"], notes: null, actor_id: null, created_at: "2026-02-01T12:00:00.000Z" });
 */
export const EscalationVoteSchema = z.object({
  approver_id: z.string(),
  action: EscalationVerdictSchema,
  /** The approver's roles when the vote was cast. */
  roles: z.array(z.string()),
  notes: z.string().nullable(),
  /** Who pressed, as the voting client said (e.g. `discord:1234`). */
  actor_id: z.string().nullable(),
  created_at: IsoDateTimeSchema,
});

/** One vote on an escalation. */
export type EscalationVote = z.infer<typeof EscalationVoteSchema>;

/** Reply of `GET /api/escalations/{id}/votes`: `{votes: [...]}`, oldest first. */
export const EscalationVotesResponseSchema = z.object({ votes: z.array(EscalationVoteSchema) });

/** Reply of `GET /api/escalations/{id}/votes`. */
export type EscalationVotesResponse = z.infer<typeof EscalationVotesResponseSchema>;

/** Reply of `GET /api/escalations[?status=&limit=]`: `{escalations: [...]}`. */
export const EscalationListResponseSchema = z.object({ escalations: z.array(EscalationRecordSchema) });

/** Reply of `GET /api/escalations`. */
export type EscalationListResponse = z.infer<typeof EscalationListResponseSchema>;

/**
 * Body of `PUT /api/escalations/{id}[?tenant=]`: approve or reject, with optional notes.
 * `actor_id` (who pressed, e.g. `discord:1234`) is sec0's addition, needed for quorum and roles;
 * so is `approver_id`, the approver a bridge votes for (its key needs `escalation:vote_for`).
 *
 * @example
 * EscalationResolveRequestSchema.parse({ action: "approve", notes: "ok for this run" });
 */
export const EscalationResolveRequestSchema = z.looseObject({
  action: EscalationVerdictSchema,
  notes: z.string().max(4000).optional(),
  actor_id: z.string().min(1).max(200).optional(),
  /** Who the vote counts for, set by an approvals bridge's key (scope `escalation:vote_for`) only. */
  approver_id: z.string().min(1).max(200).optional(),
});

/** Body of `PUT /api/escalations/{id}`. */
export type EscalationResolveRequest = z.infer<typeof EscalationResolveRequestSchema>;

/**
 * What a resolver is asked to record (0.2.3 `EscalationResolver.resolve` argument, camelCase).
 *
 * @example
 * EscalationResolveInputSchema.parse({ id: "esc_1", action: "reject", notes: "not during freeze" });
 */
export const EscalationResolveInputSchema = z.object({
  id: z.string().min(1),
  action: EscalationVerdictSchema,
  tenant: z.string().min(1).optional(),
  notes: z.string().max(4000).optional(),
  actorId: z.string().min(1).max(200).optional(),
  /** The approver the vote counts for (an approvals bridge's key, scope `escalation:vote_for`). */
  approverId: z.string().min(1).max(200).optional(),
});

/** What a resolver is asked to record. */
export type EscalationResolveInput = z.infer<typeof EscalationResolveInputSchema>;
