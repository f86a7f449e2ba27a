import type {
  ApprovalRejectionReason,
  ApprovalVerifyRequest,
  ApprovalVerifyResponse,
} from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import { APPROVAL_TOKEN_PREFIX, approvalTokenSha256 } from "./approval-token-text.js";

interface ConsumedRow {
  id: string;
  escalation_id: string;
  reason: string;
}

interface TokenRow {
  tool_ref: string;
  node_id: string | null;
  agent_ref: string | null;
  call_digest: string | null;
  expires_at: Date | string;
  used_at: Date | string | null;
}

/**
 * Verifies and consumes an approval token of `tenantId` in ONE statement: the `UPDATE` matches
 * only an unused, unexpired token of this tenant whose binding equals `context` (`tool_ref`,
 * `node_id`, `agent_ref`, and `call_digest` when the escalation carried one), so of any number
 * of concurrent verifications exactly one is valid, and a mismatching context consumes nothing.
 * An invalid token gets `invalid_reason` (a token of another tenant is `unknown_token`).
 *
 * @example
 * await verifyApprovalToken(db, "acme", { token, context: { tool_ref: "mcp://fs/write@1.0" } }, Date.now());
 * // { valid: true, approval: { id: "esc_…", escalation_id: "esc_…", token_id: "apt_…", reason: "…" } }
 */
export async function verifyApprovalToken(
  db: Queryable,
  tenantId: string,
  request: ApprovalVerifyRequest,
  now: number,
): Promise<ApprovalVerifyResponse> {
  if (!request.token.startsWith(APPROVAL_TOKEN_PREFIX)) return invalid("malformed");
  const sha256 = approvalTokenSha256(request.token);
  const { context } = request;
  const at = new Date(now);
  const { rows } = await db.query<ConsumedRow>(
    `UPDATE approval_tokens SET used_at = $2
     WHERE token_sha256 = $1 AND tenant_id = $3 AND used_at IS NULL AND expires_at > $2
       AND tool_ref = $4 AND node_id IS NOT DISTINCT FROM $5 AND agent_ref IS NOT DISTINCT FROM $6
       AND (call_digest IS NULL OR call_digest = $7)
     RETURNING id, escalation_id, reason`,
    [
      sha256,
      at,
      tenantId,
      context.tool_ref,
      context.node_id ?? null,
      context.agent_ref ?? null,
      context.call_digest ?? null,
    ],
  );
  const consumed = rows[0];
  if (consumed !== undefined) {
    return {
      valid: true,
      approval: {
        id: consumed.escalation_id,
        escalation_id: consumed.escalation_id,
        token_id: consumed.id,
        reason: consumed.reason,
      },
    };
  }
  return invalid(await whyInvalid(db, tenantId, sha256, now));
}

async function whyInvalid(
  db: Queryable,
  tenantId: string,
  sha256: string,
  now: number,
): Promise<ApprovalRejectionReason> {
  const { rows } = await db.query<TokenRow>(
    "SELECT tool_ref, node_id, agent_ref, call_digest, expires_at, used_at FROM approval_tokens WHERE token_sha256 = $1 AND tenant_id = $2",
    [sha256, tenantId],
  );
  const row = rows[0];
  if (row === undefined) return "unknown_token";
  if (row.used_at !== null) return "already_used";
  if (new Date(row.expires_at).getTime() <= now) return "expired";
  return "call_mismatch";
}

function invalid(reason: ApprovalRejectionReason): ApprovalVerifyResponse {
  return { valid: false, invalid_reason: reason };
}
