import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { authenticateKey } from "../auth/authenticate.js";
import { bootstrapTenant } from "./bootstrap-tenant.js";
import { revokeApiKey } from "./revoke-api-key.js";

forEachStorage("bootstrapTenant", (storage) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await storage.open();
  });
  afterAll(() => opened.close());

  const adminKeys = async (tenantId: string) =>
    (
      await opened.db.query<{ id: string }>(
        "SELECT id FROM api_keys WHERE tenant_id = $1 AND revoked_at IS NULL AND 'admin' = ANY (scopes)",
        [tenantId],
      )
    ).rows.length;

  it("creates the tenant and an admin key that authenticates", async () => {
    const key = await bootstrapTenant(opened.db, { tenantId: "acme", name: "Acme Inc." });
    expect(key).toMatch(/^sec0_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}$/);
    const principal = await authenticateKey(opened.db, key, Date.now());
    expect(principal).toMatchObject({ tenantId: "acme", scopes: ["admin"] });
    const { rows } = await opened.db.query<{ name: string }>("SELECT name FROM tenants WHERE id = 'acme'");
    expect(rows).toEqual([{ name: "Acme Inc." }]);
  });

  it("refuses a second run while an admin key is active (CP_CONFLICT), and adds one with force", async () => {
    await expect(bootstrapTenant(opened.db, { tenantId: "acme", name: "Acme" })).rejects.toMatchObject({
      code: "CP_CONFLICT",
      status: 409,
    });
    expect(await adminKeys("acme")).toBe(1);
    const second = await bootstrapTenant(opened.db, { tenantId: "acme", name: "Renamed" }, { force: true });
    expect(await adminKeys("acme")).toBe(2);
    expect((await authenticateKey(opened.db, second, Date.now())).tenantId).toBe("acme");
    const { rows } = await opened.db.query<{ name: string }>("SELECT name FROM tenants WHERE id = 'acme'");
    expect(rows).toEqual([{ name: "Acme Inc." }]);
  });

  it("reuses an existing tenant whose admin keys are all revoked", async () => {
    const first = await bootstrapTenant(opened.db, { tenantId: "beta", name: "Beta" });
    const id = first.split("_")[1] as string;
    await revokeApiKey(opened.db, "beta", id, new Date());
    const again = await bootstrapTenant(opened.db, { tenantId: "beta", name: "Beta" });
    expect(again).not.toBe(first);
    expect(await adminKeys("beta")).toBe(1);
  });

  it("refuses a malformed tenant id and leaves nothing behind", async () => {
    await expect(bootstrapTenant(opened.db, { tenantId: "Not OK", name: "x" })).rejects.toMatchObject({
      code: "CP_REQUEST_INVALID",
    });
    const { rows } = await opened.db.query("SELECT id FROM tenants WHERE id = 'Not OK'");
    expect(rows).toEqual([]);
  });
});
