import { computeCallDigest, type EscalationCreateRequest } from "@sec0/core/contracts";
import { httpError } from "../errors.js";
import { insertEscalationEvent } from "./escalation-events.js";
import { boundedTtlSeconds, MAX_QUORUM } from "./escalation-limits.js";
import type { EscalationDeps, EscalationRow } from "./escalation-row.js";
import { finalizeEscalation } from "./finalize-escalation.js";

/** Who asks for the escalation. */
export interface Requester {
  readonly tenantId: string;
  readonly keyId: string;
}

/**
 * Creates an escalation and its `escalation.created` event in one transaction. The call it is
 * about comes from the body (`tool_ref`, `node_id`, `agent_ref`, `call_digest`), else from
 * `metadata` (guard sends `metadata.tool_ref`); with `metadata.args` and no digest the digest is
 * computed. `auto_allow` is approved at once (finalized event and approval token included).
 *
 * @throws `CP_REQUEST_INVALID` for a quorum larger than {@link MAX_QUORUM}.
 */
export async function createEscalation(
  deps: EscalationDeps,
  requester: Requester,
  body: EscalationCreateRequest,
): Promise<{ row: EscalationRow; token: string | undefined }> {
  const now = deps.clock.now();
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  const toolRef = body.tool_ref ?? stringOf(metadata.tool_ref);
  const nodeId = body.node_id ?? stringOf(metadata.node_id);
  const agentRef = body.agent_ref ?? stringOf(metadata.agent_ref);
  const callDigest = body.call_digest ?? digestOf(toolRef, metadata.args, nodeId, agentRef);
  const strategy = body.approval_strategy ?? "single_approver";
  const minApprovals = body.min_approvals ?? 1;
  const minRejections = body.min_rejections ?? 1;
  if (minApprovals > MAX_QUORUM || minRejections > MAX_QUORUM) {
    throw httpError("CP_REQUEST_INVALID", `min_approvals and min_rejections must be at most ${MAX_QUORUM}.`);
  }
  const ttl = boundedTtlSeconds(body.ttl_seconds);
  const evaluator =
    body.evaluator_fingerprint == null &&
    body.evaluator_confidence == null &&
    body.evaluator_principles == null &&
    body.evaluator_snapshot == null
      ? null
      : JSON.stringify({
          fingerprint: body.evaluator_fingerprint ?? null,
          confidence: body.evaluator_confidence ?? null,
          principles: body.evaluator_principles ?? null,
          snapshot: body.evaluator_snapshot ?? null,
        });
  const waiting =
    strategy === "human_quorum" ? `Waiting for ${minApprovals} approval(s).` : "Waiting for an approver.";
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<EscalationRow>(
      `INSERT INTO escalations (id, tenant_id, status, content, violation, rule_id, message, severity, node_id, agent_ref, tool_ref,
         call_digest, metadata, finding_source, evaluator, timeout_action, approval_strategy, approval_set_id, min_approvals,
         min_rejections, required_roles, veto_roles, requester_key_id, created_at, expires_at, requester_status_message)
       SELECT $1, id, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'auto_reject', $15, $16, $17, $18, $19, $20, $21, $22, $23, $24
       FROM tenants WHERE id = $2 RETURNING *`,
      [
        deps.newId("esc"),
        requester.tenantId,
        body.content,
        body.violation,
        body.rule_id ?? null,
        body.message ?? null,
        body.severity ?? null,
        nodeId ?? null,
        agentRef ?? null,
        toolRef ?? null,
        callDigest ?? null,
        JSON.stringify(metadata),
        body.finding_source ?? null,
        evaluator,
        strategy,
        body.approval_set_id ?? null,
        minApprovals,
        minRejections,
        [...new Set(body.required_roles ?? [])],
        [...new Set(body.veto_roles ?? [])],
        requester.keyId,
        new Date(now),
        new Date(now + ttl * 1000),
        waiting,
      ],
    );
    const created = rows[0];
    if (created === undefined) throw httpError("CP_NOT_FOUND", `No tenant "${requester.tenantId}".`);
    await insertEscalationEvent(tx, deps.newId("evt"), "escalation.created", created, now);
    if (strategy !== "auto_allow") return { row: created, token: undefined };
    const final = await finalizeEscalation(
      tx,
      deps,
      created.id,
      {
        status: "approved",
        reason: "auto_allow",
        message: "Approved automatically (approval_strategy auto_allow).",
      },
      now,
    );
    return final ?? { row: created, token: undefined };
  });
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function digestOf(
  toolRef: string | undefined,
  args: unknown,
  nodeId: string | undefined,
  agentRef: string | undefined,
): string | undefined {
  if (toolRef === undefined || typeof args !== "object" || args === null || Array.isArray(args))
    return undefined;
  try {
    return computeCallDigest({
      toolRef,
      args: args as Record<string, unknown>,
      nodeId: nodeId ?? null,
      runId: agentRef ?? null,
    });
  } catch {
    return undefined;
  }
}
