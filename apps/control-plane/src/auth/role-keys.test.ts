import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "../__fixtures__/test-app.js";
import { create, keyWith } from "../escalations/__fixtures__/escalation-app.js";
import { CreatedApiKeySchema, TenantMeSchema } from "../keys/key-route-schemas.js";
import { API_KEY_ROLE_NAMES, API_KEY_ROLES, type ApiKeyRole } from "./roles.js";

const POLICY = 'tenant: acme\ntools:\n  allowlist: ["*"]\n';

forEachStorage("keys created from roles", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  const keys = new Map<ApiKeyRole, string>();

  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    admin = await keyFor(opened, "acme", ["admin"]);
    for (const role of API_KEY_ROLE_NAMES) {
      const reply = await createKey({ label: role, role });
      expect(reply.statusCode).toBe(201);
      keys.set(role, CreatedApiKeySchema.parse(reply.json()).key);
    }
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const createKey = (payload: object) =>
    app.inject({ method: "POST", url: "/api/keys", headers: bearer(admin), payload });
  const keyOf = (role: ApiKeyRole) => keys.get(role) as string;
  const expectProblem = (reply: LightMyRequestResponse, status: number, code: string) => {
    expect(reply.statusCode).toBe(status);
    expect(reply.headers["content-type"]).toContain("application/problem+json");
    expect(reply.json()).toMatchObject({ status, code });
  };
  const publish = (key: string) =>
    app.inject({
      method: "PUT",
      url: "/api/policy/acme?level=middleware",
      headers: { ...bearer(key), "content-type": "text/yaml" },
      payload: POLICY,
    });

  describe("POST /api/keys {role}", () => {
    it("gives the key the role's scopes and answers the role", async () => {
      for (const role of API_KEY_ROLE_NAMES) {
        const reply = await createKey({ label: `again ${role}`, role, env: "staging" });
        expect(reply.statusCode).toBe(201);
        const created = CreatedApiKeySchema.parse(reply.json());
        expect(created).toMatchObject({ role, scopes: [...API_KEY_ROLES[role]], env: "staging" });
        const me = TenantMeSchema.parse(
          (await app.inject({ url: "/api/tenants/me", headers: bearer(created.key) })).json(),
        );
        expect(me.scopes).toEqual([...API_KEY_ROLES[role]]);
        expect(me.roles).toContain(role);
      }
    });

    it("answers role null for a key given scopes", async () => {
      const reply = await createKey({ label: "scoped", scopes: ["audit:ingest"] });
      expect(reply.statusCode).toBe(201);
      expect(CreatedApiKeySchema.parse(reply.json())).toMatchObject({ role: null, scopes: ["audit:ingest"] });
    });

    it("refuses both role and scopes, and neither, with CP_BODY_INVALID; an unknown role with CP_REQUEST_INVALID", async () => {
      expectProblem(
        await createKey({ label: "both", role: "approver", scopes: ["policy:read"] }),
        400,
        "CP_BODY_INVALID",
      );
      expectProblem(await createKey({ label: "neither" }), 400, "CP_BODY_INVALID");
      expectProblem(await createKey({ label: "x", role: "root" }), 400, "CP_REQUEST_INVALID");
    });

    it("is admin only", async () => {
      expectProblem(
        await app.inject({
          method: "POST",
          url: "/api/keys",
          headers: bearer(keyOf("policy_editor")),
          payload: { label: "x", role: "admin" },
        }),
        403,
        "CP_SCOPE_MISSING",
      );
    });
  });

  describe("GET /api/tenants/me roles", () => {
    it("lists every role the key's scopes cover (an admin key: all five)", async () => {
      const rolesOf = async (key: string) =>
        TenantMeSchema.parse((await app.inject({ url: "/api/tenants/me", headers: bearer(key) })).json())
          .roles;
      expect(await rolesOf(admin)).toEqual(API_KEY_ROLE_NAMES);
      expect(await rolesOf(keyOf("approver"))).toEqual(["approver", "read_only"]);
      expect(await rolesOf(keyOf("auditor"))).toEqual(["auditor", "read_only"]);
      expect(await rolesOf(keyOf("read_only"))).toEqual(["read_only"]);
      expect(await rolesOf(await keyFor(opened, "acme", ["escalation:create"]))).toEqual([]);
    });
  });

  describe("what each role may do", () => {
    it("a policy_editor publishes and rolls back; an approver can do neither", async () => {
      expect((await publish(keyOf("policy_editor"))).statusCode).toBe(201);
      const rollback = (key: string) =>
        app.inject({
          method: "POST",
          url: "/api/policy/acme/rollback?level=middleware",
          headers: bearer(key),
          payload: { version: 1 },
        });
      expectProblem(await publish(keyOf("approver")), 403, "CP_SCOPE_MISSING");
      expectProblem(await rollback(keyOf("approver")), 403, "CP_SCOPE_MISSING");
      expect((await rollback(keyOf("policy_editor"))).statusCode).toBe(201);
      const read = await app.inject({
        url: "/api/policy/acme?level=middleware",
        headers: bearer(keyOf("approver")),
      });
      expect(read.statusCode).toBe(200);
      expect(read.body).toBe(POLICY);
    });

    it("an approver votes; an auditor cannot vote but reads audit records", async () => {
      const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
      const escalation = await create(app, requester);
      const vote = (key: string) =>
        app.inject({
          method: "PUT",
          url: `/api/escalations/${escalation.id}`,
          headers: bearer(key),
          payload: { action: "approve" },
        });
      expectProblem(await vote(keyOf("auditor")), 403, "CP_SCOPE_MISSING");
      expectProblem(await vote(keyOf("read_only")), 403, "CP_SCOPE_MISSING");
      const approved = await vote(keyOf("approver"));
      expect(approved.statusCode).toBe(200);
      expect(approved.json().escalation.status).toBe("approved");

      const records = await app.inject({ url: "/api/audit/records", headers: bearer(keyOf("auditor")) });
      expect(records.statusCode).toBe(200);
      expect(records.json()).toEqual({ records: [] });
      expectProblem(
        await app.inject({ url: "/api/audit/records", headers: bearer(keyOf("approver")) }),
        403,
        "CP_SCOPE_MISSING",
      );
      expectProblem(await publish(keyOf("auditor")), 403, "CP_SCOPE_MISSING");
    });
  });
});
