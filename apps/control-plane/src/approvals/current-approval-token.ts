import type { EscalationDeps, EscalationRow } from "../escalations/escalation-row.js";
import { approvalTokenSha256, approvalTokenText } from "./approval-token-text.js";

/** An unused, unexpired approval token of an escalation. */
export interface CurrentApprovalToken {
  readonly token: string;
  readonly expiresAt: string;
}

/**
 * The approval token of an approved escalation while it is unused and unexpired, derived again
 * from the signing key (see `approvalTokenText`); `undefined` otherwise, or when the signer's
 * signatures are not deterministic and the derived text does not match the stored hash.
 */
export async function currentApprovalToken(
  deps: Pick<EscalationDeps, "db" | "signer">,
  row: EscalationRow,
  now: number,
): Promise<CurrentApprovalToken | undefined> {
  if (row.status !== "approved") return undefined;
  const { rows } = await deps.db.query<{ id: string; token_sha256: string; expires_at: Date | string }>(
    "SELECT id, token_sha256, expires_at FROM approval_tokens WHERE escalation_id = $1 AND tenant_id = $2 AND used_at IS NULL AND expires_at > $3",
    [row.id, row.tenant_id, new Date(now)],
  );
  const stored = rows[0];
  if (stored === undefined) return undefined;
  const token = approvalTokenText(deps.signer, row.tenant_id, row.id, stored.id);
  if (approvalTokenSha256(token) !== stored.token_sha256) return undefined;
  return { token, expiresAt: new Date(stored.expires_at).toISOString() };
}
