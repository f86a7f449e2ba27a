// Every route of /openapi.json, called by another tenant's admin key with tenant A's names and
// ids: no answer carries A's data, and afterwards A's data is exactly as it was. A route added
// later is swept too (the list comes from the registry, not from this file).
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "./__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "./__fixtures__/test-app.js";

const MARKERS = {
  policy: "mcp://tenant-a-only/*",
  content: "tenant-a-secret-content",
  bridge: "http://127.0.0.1:9/tenant-a-bridge",
  secret: "tenant-a-bridge-secret-0123456789abcdef",
};

forEachStorage("tenant isolation on every route", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let adminA: string;
  let adminB: string;
  let escalationId: string;
  let keyIdA: string;
  let snapshot: string;

  /** Everything of tenant A that a route could read or change, as one comparable string. */
  async function stateOfA(): Promise<string> {
    const parts = await Promise.all(
      [
        "SELECT id, revoked_at, scopes FROM api_keys WHERE tenant_id = 'acme' ORDER BY id",
        "SELECT scope, version, sha256 FROM policy_versions WHERE tenant_id = 'acme' ORDER BY scope, version",
        "SELECT id, status FROM escalations WHERE tenant_id = 'acme' ORDER BY id",
        "SELECT count(*)::int AS votes FROM escalation_votes v JOIN escalations e ON e.id = v.escalation_id WHERE e.tenant_id = 'acme'",
        "SELECT approver_id, role FROM approver_roles WHERE tenant_id = 'acme' ORDER BY approver_id, role",
        "SELECT name, url FROM bridges WHERE tenant_id = 'acme' ORDER BY name",
        "SELECT key_id FROM audit_keys WHERE tenant_id = 'acme' ORDER BY key_id",
      ].map((sql) => opened.db.query(sql)),
    );
    return JSON.stringify(parts.map((part) => part.rows));
  }

  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    adminA = await keyFor(opened, "acme", ["admin"]);
    adminB = await keyFor(opened, "globex", ["admin"]);
    keyIdA = adminA.split("_")[1] as string;
    const asA = bearer(adminA);
    const seeded = [
      await app.inject({
        method: "PUT",
        url: "/api/policy/acme?level=middleware",
        headers: { ...asA, "content-type": "text/yaml" },
        payload: `tenant: acme\ntools:\n  allowlist: ["${MARKERS.policy}"]\n`,
      }),
      await app.inject({
        method: "PUT",
        url: "/api/bridges/alerts",
        headers: asA,
        payload: { url: MARKERS.bridge, secret: MARKERS.secret },
      }),
      await app.inject({
        method: "PUT",
        url: "/api/approvers/dana/roles",
        headers: asA,
        payload: { roles: ["sre"] },
      }),
    ];
    for (const reply of seeded) expect(reply.statusCode, reply.body).toBeLessThan(300);
    const escalation = await app.inject({
      method: "POST",
      url: "/api/escalations",
      headers: asA,
      payload: {
        content: MARKERS.content,
        violation: "command_unsafe",
        severity: "high",
        node_id: "planner",
      },
    });
    expect(escalation.statusCode).toBe(201);
    escalationId = escalation.json().escalation.id;
    snapshot = await stateOfA();
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("answers tenant B with none of tenant A's data and changes nothing of A", async () => {
    const doc = (await app.inject({ url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const params: Record<string, string> = {
      tenant: "acme",
      id: escalationId,
      version: "1",
      approverId: "dana",
      name: "alerts",
      token: "upl_unknown",
    };
    let swept = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        let url = template.replace(/\{(\w+)\}/g, (_all, name: string) => params[name] ?? "x");
        if (template === "/api/keys/{id}") url = `/api/keys/${keyIdA}`;
        url += url.includes("?")
          ? ""
          : "?level=middleware&from=1&to=1&log=tenants/acme/prod/clients/sec0/1.0.0/ingest/2026-01-01/audit-2026-01-01.ndjson";
        const isPolicyWrite = template.startsWith("/api/policy/{tenant}") && method !== "get";
        const reply = await app.inject({
          method: method.toUpperCase() as "GET",
          url,
          headers: {
            ...bearer(adminB),
            ...(isPolicyWrite && !template.endsWith("rollback") ? { "content-type": "text/yaml" } : {}),
          },
          ...(method === "get" || method === "delete"
            ? {}
            : {
                payload:
                  isPolicyWrite && !template.endsWith("rollback")
                    ? "tenant: acme\ntools:\n  allowlist: ['*']\n"
                    : {
                        action: "approve",
                        version: 1,
                        roles: ["sre"],
                        token: "x",
                        context: {},
                        url: "http://127.0.0.1:9/b",
                        secret: "b".repeat(40),
                      },
              }),
        });
        swept += 1;
        const body = reply.body;
        // A's ids that B itself sent may come back in a "not found"; in a success they would be A's data.
        const ids = reply.statusCode < 300 ? [escalationId, keyIdA] : [];
        for (const marker of [...Object.values(MARKERS), ...ids]) {
          expect(body, `${method.toUpperCase()} ${template} leaked ${marker}`).not.toContain(marker);
        }
      }
    }
    expect(swept).toBeGreaterThan(25);
    expect(await stateOfA()).toBe(snapshot);
  });
});
