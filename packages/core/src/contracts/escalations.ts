import { z } from "zod";
import { JsonObjectSchema, Sha256HexSchema } from "./primitives.js";

/** How severe the violation behind an escalation is. */
export const EscalationSeveritySchema = z.enum(["low", "medium", "high", "critical"]);

/** How severe the violation behind an escalation is. */
export type EscalationSeverity = z.infer<typeof EscalationSeveritySchema>;

/** Who must decide an escalation: nobody, one approver, or a quorum of humans. */
export const EscalationApprovalStrategySchema = z.enum(["auto_allow", "single_approver", "human_quorum"]);

/** Who must decide an escalation. */
export type EscalationApprovalStrategy = z.infer<typeof EscalationApprovalStrategySchema>;

/**
 * What an escalation becomes when nobody decides in time. Only `auto_reject`: a timeout never
 * means approve (docs/principles.md, principle 6), so 0.2.3's `auto_approve` is refused with this message.
 */
export const EscalationTimeoutActionSchema = z.enum(["auto_reject"], {
  error: "timeout_action must be auto_reject: in sec0 a timeout never approves a call",
});

/** What an escalation becomes when nobody decides in time. */
export type EscalationTimeoutAction = z.infer<typeof EscalationTimeoutActionSchema>;

/** Whether an escalation came from a policy rule or from the contextual evaluator. */
export const EscalationFindingSourceSchema = z.enum(["rule", "evaluator"]);

/** Whether an escalation came from a policy rule or from the contextual evaluator. */
export type EscalationFindingSource = z.infer<typeof EscalationFindingSourceSchema>;

const roles = z.array(z.string().min(1).max(200)).max(50);

/**
 * What a reporter asks the control plane to escalate (0.2.3 `EscalationCreateInput`, camelCase).
 * `toolRef` and `callDigest` are sec0's additions that bind the approval to the exact call.
 *
 * @example
 * EscalationCreateInputSchema.parse({ content: "Policy denied mcp://files/delete@1.0 due to fs_violation.", violation: "fs_violation" });
 */
export const EscalationCreateInputSchema = z.object({
  tenant: z.string().min(1).optional(),
  content: z.string().min(1).max(8000),
  violation: z.string().min(1).max(200),
  ruleId: z.string().min(1).optional(),
  message: z.string().max(4000).optional(),
  severity: EscalationSeveritySchema.optional(),
  nodeId: z.string().min(1).optional(),
  agentRef: z.string().min(1).optional(),
  toolRef: z.string().min(1).optional(),
  callDigest: Sha256HexSchema.optional(),
  metadata: JsonObjectSchema.optional(),
  findingSource: EscalationFindingSourceSchema.optional(),
  evaluatorFingerprint: z.string().min(1).optional(),
  evaluatorConfidence: z.number().min(0).max(1).optional(),
  evaluatorPrinciples: z.array(z.string()).optional(),
  evaluatorSnapshot: JsonObjectSchema.optional(),
  ttlSeconds: z.number().int().positive().optional(),
  timeoutAction: EscalationTimeoutActionSchema.optional(),
  approvalStrategy: EscalationApprovalStrategySchema.optional(),
  approvalSetId: z.string().min(1).optional(),
  minApprovals: z.number().int().positive().optional(),
  minRejections: z.number().int().positive().optional(),
  requiredRoles: roles.optional(),
  vetoRoles: roles.optional(),
});

/** What a reporter asks the control plane to escalate. */
export type EscalationCreateInput = z.infer<typeof EscalationCreateInputSchema>;

/**
 * Body of `POST /api/escalations[?tenant=]` (snake_case). 0.2.3 clients send absent members as
 * `null`, so every optional member is nullable.
 *
 * @example
 * EscalationCreateRequestSchema.parse({ content: "Policy denied …", violation: "fs_violation", rule_id: null });
 */
export const EscalationCreateRequestSchema = z.looseObject({
  content: z.string().min(1).max(8000),
  violation: z.string().min(1).max(200),
  rule_id: z.string().min(1).nullish(),
  message: z.string().max(4000).nullish(),
  severity: EscalationSeveritySchema.nullish(),
  node_id: z.string().min(1).nullish(),
  agent_ref: z.string().min(1).nullish(),
  tool_ref: z.string().min(1).nullish(),
  call_digest: Sha256HexSchema.nullish(),
  metadata: JsonObjectSchema.nullish(),
  finding_source: EscalationFindingSourceSchema.nullish(),
  evaluator_fingerprint: z.string().min(1).nullish(),
  evaluator_confidence: z.number().min(0).max(1).nullish(),
  evaluator_principles: z.array(z.string()).nullish(),
  evaluator_snapshot: JsonObjectSchema.nullish(),
  ttl_seconds: z.number().int().positive().nullish(),
  timeout_action: EscalationTimeoutActionSchema.nullish(),
  approval_strategy: EscalationApprovalStrategySchema.nullish(),
  approval_set_id: z.string().min(1).nullish(),
  min_approvals: z.number().int().positive().nullish(),
  min_rejections: z.number().int().positive().nullish(),
  required_roles: roles.nullish(),
  veto_roles: roles.nullish(),
});

/** Body of `POST /api/escalations`. */
export type EscalationCreateRequest = z.infer<typeof EscalationCreateRequestSchema>;

/**
 * Query of every escalation endpoint: the tenant, when the key alone does not determine it.
 *
 * @example
 * EscalationQuerySchema.parse({ tenant: "acme" });
 */
export const EscalationQuerySchema = z.object({ tenant: z.string().min(1).max(200).optional() });

/** Query of the escalation endpoints. */
export type EscalationQuery = z.infer<typeof EscalationQuerySchema>;

/**
 * Maps a reporter's camelCase input to the wire body of `POST /api/escalations`; `tenant` goes in
 * the query, so it is not part of the body. Absent members are left out.
 *
 * @example
 * toEscalationCreateRequest({ content: "…", violation: "fs_violation", nodeId: "planner" });
 * // { content: "…", violation: "fs_violation", node_id: "planner" }
 */
export function toEscalationCreateRequest(input: EscalationCreateInput): EscalationCreateRequest {
  const body: Record<string, unknown> = {
    content: input.content,
    violation: input.violation,
    rule_id: input.ruleId,
    message: input.message,
    severity: input.severity,
    node_id: input.nodeId,
    agent_ref: input.agentRef,
    tool_ref: input.toolRef,
    call_digest: input.callDigest,
    metadata: input.metadata,
    finding_source: input.findingSource,
    evaluator_fingerprint: input.evaluatorFingerprint,
    evaluator_confidence: input.evaluatorConfidence,
    evaluator_principles: input.evaluatorPrinciples,
    evaluator_snapshot: input.evaluatorSnapshot,
    ttl_seconds: input.ttlSeconds,
    timeout_action: input.timeoutAction,
    approval_strategy: input.approvalStrategy,
    approval_set_id: input.approvalSetId,
    min_approvals: input.minApprovals,
    min_rejections: input.minRejections,
    required_roles: input.requiredRoles,
    veto_roles: input.vetoRoles,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body as EscalationCreateRequest;
}
