import type { Database } from "../db/database.js";

/**
 * Replaces the roles of approver `approverId` (a key's user id, else its key id) in `tenantId`.
 * Roles are read when a vote is recorded: `required_roles` and `veto_roles` of an escalation
 * are matched against them.
 *
 * @returns the roles now held, sorted.
 */
export async function setApproverRoles(
  db: Database,
  tenantId: string,
  approverId: string,
  roles: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(roles)].sort();
  await db.transaction(async (tx) => {
    await tx.query("DELETE FROM approver_roles WHERE tenant_id = $1 AND approver_id = $2", [
      tenantId,
      approverId,
    ]);
    for (const role of unique) {
      await tx.query("INSERT INTO approver_roles (tenant_id, approver_id, role) VALUES ($1, $2, $3)", [
        tenantId,
        approverId,
        role,
      ]);
    }
  });
  return unique;
}
