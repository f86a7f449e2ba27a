import type { Database } from "../db/database.js";
import { httpError } from "../errors.js";
import { createApiKey } from "./create-api-key.js";
import { createTenant } from "./create-tenant.js";

/** What {@link bootstrapTenant} sets up. */
export interface BootstrapTenantInput {
  readonly tenantId: string;
  /** The tenant's display name; an existing tenant keeps its own. */
  readonly name: string;
  /** Label of the admin key (default `bootstrap admin`). */
  readonly label?: string;
}

/** Options of {@link bootstrapTenant}. */
export interface BootstrapTenantOptions {
  /** Creates another admin key even when the tenant has an active one (existing keys stay). */
  readonly force?: boolean;
}

/**
 * Creates the tenant (or reuses it) and an `admin` key for it, in one transaction: what
 * `sec0-control-plane init` runs. Running it again is refused while the tenant has an active admin
 * key, so a second `init` never mints keys silently; `force: true` adds one anyway (e.g. the
 * admin key was lost; revoke the old one with `DELETE /api/keys/:id`).
 *
 * @throws `CP_CONFLICT` when the tenant already has an active admin key and `force` is not set;
 *   `CP_REQUEST_INVALID` for a malformed tenant id.
 * @returns the admin key's text: shown this once, never stored.
 * @example
 * const key = await bootstrapTenant(db, { tenantId: "acme", name: "Acme" });
 * const another = await bootstrapTenant(db, { tenantId: "acme", name: "Acme" }, { force: true });
 */
export function bootstrapTenant(
  db: Database,
  input: BootstrapTenantInput,
  options: BootstrapTenantOptions = {},
): Promise<string> {
  return db.transaction(async (tx) => {
    await createTenant(tx, { id: input.tenantId, name: input.name }, { ifAbsent: true });
    // The tenant row lock serialises concurrent bootstraps of one tenant.
    await tx.query("SELECT id FROM tenants WHERE id = $1 FOR UPDATE", [input.tenantId]);
    const { rows } = await tx.query<{ id: string }>(
      "SELECT id FROM api_keys WHERE tenant_id = $1 AND revoked_at IS NULL AND 'admin' = ANY (scopes) LIMIT 1",
      [input.tenantId],
    );
    if (rows.length > 0 && options.force !== true) {
      throw httpError(
        "CP_CONFLICT",
        `Tenant "${input.tenantId}" already has an active admin key; pass force to create another.`,
        { tenant: input.tenantId },
      );
    }
    const key = await createApiKey(tx, {
      tenantId: input.tenantId,
      label: input.label ?? "bootstrap admin",
      scopes: ["admin"],
    });
    return key.text;
  });
}
