import type { Queryable } from "../db/database.js";
import { httpError } from "../errors.js";

/** Tenant ids: lower-case letters, digits and dashes, as they appear in URLs. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Creates a tenant. With `ifAbsent`, an existing tenant of that id is left as it is.
 *
 * @throws `CP_REQUEST_INVALID` for a malformed id, `CP_CONFLICT` when it exists (without `ifAbsent`).
 */
export async function createTenant(
  db: Queryable,
  tenant: { readonly id: string; readonly name: string },
  options: { readonly ifAbsent?: boolean } = {},
): Promise<{ readonly id: string; readonly created: boolean }> {
  if (!TENANT_ID_PATTERN.test(tenant.id)) {
    throw httpError(
      "CP_REQUEST_INVALID",
      `Tenant id "${tenant.id}" must be lower-case letters, digits and dashes (at most 64).`,
    );
  }
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id",
    [tenant.id, tenant.name],
  );
  if (rows.length === 0 && options.ifAbsent !== true) {
    throw httpError("CP_CONFLICT", `Tenant "${tenant.id}" already exists.`);
  }
  return { id: tenant.id, created: rows.length > 0 };
}
