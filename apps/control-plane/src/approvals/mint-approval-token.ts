import type { Queryable } from "../db/database.js";
import type { EscalationDeps, EscalationRow } from "../escalations/escalation-row.js";
import { APPROVAL_TOKEN_TTL_MS, approvalTokenSha256, approvalTokenText } from "./approval-token-text.js";

/**
 * Mints the approval token of an approved escalation, in the approving transaction: single use,
 * good for {@link APPROVAL_TOKEN_TTL_MS}, bound to the escalation's `tool_ref`, `node_id`,
 * `agent_ref` and (when known) `call_digest`. Only the SHA-256 of its text is stored. An
 * escalation with no `tool_ref` gets no token: there is no call it could be bound to.
 *
 * @returns the token text, or `undefined` when none was minted.
 */
export async function mintApprovalToken(
  tx: Queryable,
  deps: Pick<EscalationDeps, "signer" | "newId">,
  row: EscalationRow,
  now: number,
): Promise<string | undefined> {
  if (row.tool_ref === null) return undefined;
  const id = deps.newId("apt");
  const text = approvalTokenText(deps.signer, row.tenant_id, row.id, id);
  await tx.query(
    `INSERT INTO approval_tokens (id, tenant_id, escalation_id, token_sha256, tool_ref, node_id, agent_ref, call_digest, reason, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      row.tenant_id,
      row.id,
      approvalTokenSha256(text),
      row.tool_ref,
      row.node_id,
      row.agent_ref,
      row.call_digest,
      row.requester_status_message ?? row.finalization_reason ?? "approved",
      new Date(now),
      new Date(now + APPROVAL_TOKEN_TTL_MS),
    ],
  );
  return text;
}
