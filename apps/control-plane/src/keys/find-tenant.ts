import type { Queryable } from "../db/database.js";

/** A tenant row. */
export interface TenantRow {
  readonly id: string;
  readonly name: string;
  readonly created_at: Date | string;
}

/** The tenant `tenantId`, or `undefined`. */
export async function findTenant(db: Queryable, tenantId: string): Promise<TenantRow | undefined> {
  const { rows } = await db.query<TenantRow>("SELECT id, name, created_at FROM tenants WHERE id = $1", [
    tenantId,
  ]);
  return rows[0];
}
