import { DiscoverResponseSchema, ValidateKeyResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, keyFor, TEST_SIGNER } from "../__fixtures__/test-app.js";
import { createControlPlane } from "../app.js";
import { hashApiKey } from "../auth/api-key-text.js";
import { ApiKeyViewSchema } from "../keys/api-key-record.js";
import { createApiKey } from "../keys/create-api-key.js";
import { ApiKeyListSchema, CreatedApiKeySchema, TenantMeSchema } from "../keys/key-route-schemas.js";

const PUBLIC_URL = "https://cp.example.test";

/** Expects a problem+json reply with `status` and `code` that names none of `secrets`. */
function expectProblem(
  reply: LightMyRequestResponse,
  status: number,
  code: string,
  secrets: readonly string[],
) {
  expect(reply.statusCode).toBe(status);
  expect(reply.headers["content-type"]).toContain("application/problem+json");
  expect(reply.json()).toMatchObject({ status, code });
  for (const secret of secrets) expect(reply.body).not.toContain(secret);
}

forEachStorage("key routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let acmeAdmin: string;
  let betaAdmin: string;
  let agentKey: string;

  beforeAll(async () => {
    opened = await storage.open();
    app = createControlPlane({ db: opened.db, signer: TEST_SIGNER, publicUrl: PUBLIC_URL });
    await app.ready();
    acmeAdmin = await keyFor(opened, "acme", ["admin"]);
    betaAdmin = await keyFor(opened, "beta", ["admin"]);
    agentKey = (
      await createApiKey(opened.db, {
        tenantId: "acme",
        label: "agent",
        scopes: ["policy:read"],
        env: "staging",
        clientName: "planner",
        clientVersion: "2.1.0",
        userId: "u-1",
      })
    ).text;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const keyRow = async (id: string) =>
    (
      await opened.db.query<{ revoked_at: unknown; last_used_at: unknown }>(
        "SELECT revoked_at, last_used_at FROM api_keys WHERE id = $1",
        [id],
      )
    ).rows[0];
  const idOf = (text: string) => text.split("_")[1] as string;
  const post = (url: string, headers: Readonly<Record<string, string>>, payload: object) =>
    app.inject({ method: "POST", url, headers: { ...headers }, payload });
  /** The three ways of sending a key: headers and body of the request. */
  const WAYS = {
    "x-api-key": (key: string) => [{ "x-api-key": key }, {}] as const,
    "Authorization: Bearer": (key: string) => [bearer(key), {}] as const,
    "body apiKey": (key: string) => [{}, { apiKey: key }] as const,
  };

  describe("POST /api/discover and /api/auth/validate-key", () => {
    for (const [way, send] of Object.entries(WAYS)) {
      it(`discovers with the key in ${way}`, async () => {
        const reply = await post("/api/discover", ...send(agentKey));
        expect(reply.statusCode).toBe(200);
        expect(DiscoverResponseSchema.parse(reply.json())).toEqual({
          controlPlaneUrl: PUBLIC_URL,
          tenant: "acme",
          env: "staging",
          clientName: "planner",
          clientVersion: "2.1.0",
          userId: "u-1",
          cacheTtlSeconds: 300,
        });
      });

      it(`validates the key in ${way}`, async () => {
        const reply = await post("/api/auth/validate-key", ...send(agentKey));
        expect(reply.statusCode).toBe(200);
        expect(ValidateKeyResponseSchema.parse(reply.json())).toEqual({
          tenant: "acme",
          env: "staging",
          clientName: "planner",
          clientVersion: "2.1.0",
          userId: "u-1",
        });
      });
    }

    it("accepts 0.2.3's form: the same key in x-api-key and the body (and a bearer header)", async () => {
      const reply = await post(
        "/api/auth/validate-key",
        { "x-api-key": acmeAdmin, ...bearer(acmeAdmin) },
        { apiKey: acmeAdmin },
      );
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toEqual({
        tenant: "acme",
        env: "prod",
        clientName: "sec0",
        clientVersion: "1.0.0",
      });
    });

    it("refuses two different keys with CP_REQUEST_INVALID, naming neither", async () => {
      for (const url of ["/api/discover", "/api/auth/validate-key"]) {
        const both = await post(url, { "x-api-key": acmeAdmin }, { apiKey: betaAdmin });
        expectProblem(both, 400, "CP_REQUEST_INVALID", [acmeAdmin, betaAdmin]);
        const headers = await post(url, { "x-api-key": acmeAdmin, ...bearer(betaAdmin) }, {});
        expectProblem(headers, 400, "CP_REQUEST_INVALID", [acmeAdmin, betaAdmin]);
      }
    });

    it("answers a missing, malformed, unknown or wrong key with CP_UNAUTHENTICATED", async () => {
      const unknown = `sec0_${"A".repeat(12)}_${"b".repeat(32)}`;
      const wrongSecret = `sec0_${idOf(agentKey)}_${"c".repeat(32)}`;
      for (const url of ["/api/discover", "/api/auth/validate-key"]) {
        expectProblem(await post(url, {}, {}), 401, "CP_UNAUTHENTICATED", []);
        for (const bad of ["not-a-key", `${agentKey}x`, unknown, wrongSecret]) {
          const reply = await post(url, { "x-api-key": bad }, { apiKey: bad });
          expectProblem(reply, 401, "CP_UNAUTHENTICATED", [bad, agentKey]);
          expect(Object.keys(reply.json()).sort()).not.toContain("tenant");
        }
      }
    });

    it("answers a revoked key with CP_API_KEY_REVOKED", async () => {
      const revoked = await keyFor(opened, "acme", ["policy:read"]);
      expect(
        (
          await app.inject({
            method: "DELETE",
            url: `/api/keys/${idOf(revoked)}`,
            headers: bearer(acmeAdmin),
          })
        ).statusCode,
      ).toBe(200);
      for (const url of ["/api/discover", "/api/auth/validate-key"]) {
        expectProblem(
          await post(url, { "x-api-key": revoked }, { apiKey: revoked }),
          401,
          "CP_API_KEY_REVOKED",
          [revoked],
        );
      }
    });

    it("records the key's last use", async () => {
      const fresh = await keyFor(opened, "acme", ["audit:ingest"]);
      expect((await keyRow(idOf(fresh)))?.last_used_at).toBeNull();
      expect(
        (await post("/api/auth/validate-key", { "x-api-key": fresh }, { apiKey: fresh })).statusCode,
      ).toBe(200);
      expect((await keyRow(idOf(fresh)))?.last_used_at).not.toBeNull();
    });

    it("refuses unknown body members", async () => {
      const reply = await post(
        "/api/discover",
        { "x-api-key": acmeAdmin },
        { apiKey: acmeAdmin, tenant: "beta" },
      );
      expectProblem(reply, 400, "CP_REQUEST_INVALID", [acmeAdmin]);
    });
  });

  describe("key management", () => {
    it("creates a key (201) whose text is shown once and works", async () => {
      const reply = await post("/api/keys", bearer(acmeAdmin), {
        label: "ci",
        scopes: ["policy:read", "policy:write", "policy:read"],
        env: "dev",
        clientName: "ci-bot",
      });
      expect(reply.statusCode).toBe(201);
      const created = CreatedApiKeySchema.parse(reply.json());
      expect(created.key).toMatch(/^sec0_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}$/);
      expect(created).toMatchObject({
        id: idOf(created.key),
        label: "ci",
        scopes: ["policy:read", "policy:write"],
        env: "dev",
        clientName: "ci-bot",
        clientVersion: "1.0.0",
        revoked_at: null,
        last_used_at: null,
      });
      const validated = await post("/api/auth/validate-key", bearer(created.key), {});
      expect(validated.json()).toMatchObject({ tenant: "acme", env: "dev", clientName: "ci-bot" });

      const list = await app.inject({ url: "/api/keys", headers: bearer(acmeAdmin) });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(created.key);
      expect(list.body).not.toContain(hashApiKey(created.key));
      expect(list.body).not.toContain(acmeAdmin);
      expect(list.body).not.toContain("sha256");
    });

    it("lists only the tenant's keys, with their times, scopes and labels", async () => {
      const acme = ApiKeyListSchema.parse(
        (await app.inject({ url: "/api/keys", headers: bearer(acmeAdmin) })).json(),
      );
      const ids = acme.keys.map((key) => key.id);
      expect(ids).toContain(idOf(acmeAdmin));
      expect(ids).toContain(idOf(agentKey));
      expect(ids).not.toContain(idOf(betaAdmin));
      const agent = acme.keys.find((key) => key.id === idOf(agentKey));
      expect(agent).toMatchObject({
        label: "agent",
        scopes: ["policy:read"],
        revoked_at: null,
        userId: "u-1",
      });
      expect(agent?.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Object.keys(agent ?? {})).toEqual(
        expect.arrayContaining(["created_at", "revoked_at", "last_used_at"]),
      );

      const beta = ApiKeyListSchema.parse(
        (await app.inject({ url: "/api/keys", headers: bearer(betaAdmin) })).json(),
      );
      expect(beta.keys.map((key) => key.id)).toEqual([idOf(betaAdmin)]);
    });

    it("revokes idempotently; a revoked key is refused afterwards", async () => {
      const victim = await keyFor(opened, "acme", ["escalation:vote"]);
      const first = await app.inject({
        method: "DELETE",
        url: `/api/keys/${idOf(victim)}`,
        headers: bearer(acmeAdmin),
      });
      expect(first.statusCode).toBe(200);
      const view = ApiKeyViewSchema.parse(first.json());
      expect(view.revoked_at).not.toBeNull();
      const second = await app.inject({
        method: "DELETE",
        url: `/api/keys/${idOf(victim)}`,
        headers: bearer(acmeAdmin),
      });
      expect(second.statusCode).toBe(200);
      expect(second.json().revoked_at).toBe(view.revoked_at);
      expectProblem(
        await app.inject({ url: "/api/tenants/me", headers: bearer(victim) }),
        401,
        "CP_API_KEY_REVOKED",
        [victim],
      );
    });

    it("lets a key revoke itself", async () => {
      const self = await keyFor(opened, "acme", ["admin"]);
      const reply = await app.inject({
        method: "DELETE",
        url: `/api/keys/${idOf(self)}`,
        headers: bearer(self),
      });
      expect(reply.statusCode).toBe(200);
      expectProblem(
        await app.inject({ url: "/api/keys", headers: bearer(self) }),
        401,
        "CP_API_KEY_REVOKED",
        [self],
      );
    });

    it("never lets tenant B revoke tenant A's key: 404, and the row is untouched", async () => {
      const reply = await app.inject({
        method: "DELETE",
        url: `/api/keys/${idOf(agentKey)}`,
        headers: bearer(betaAdmin),
      });
      expectProblem(reply, 404, "CP_NOT_FOUND", [agentKey, betaAdmin]);
      expect((await keyRow(idOf(agentKey)))?.revoked_at).toBeNull();
      const unknown = await app.inject({
        method: "DELETE",
        url: `/api/keys/${"Z".repeat(12)}`,
        headers: bearer(betaAdmin),
      });
      expectProblem(unknown, 404, "CP_NOT_FOUND", []);
      expect(reply.json().detail).toBe(unknown.json().detail.replace("Z".repeat(12), idOf(agentKey)));
    });

    it("needs the admin scope: a policy:read key gets CP_SCOPE_MISSING", async () => {
      const create = await post("/api/keys", bearer(agentKey), { label: "escalate me", scopes: ["admin"] });
      expectProblem(create, 403, "CP_SCOPE_MISSING", [agentKey]);
      expectProblem(
        await app.inject({ url: "/api/keys", headers: bearer(agentKey) }),
        403,
        "CP_SCOPE_MISSING",
        [agentKey],
      );
      const revoke = await app.inject({
        method: "DELETE",
        url: `/api/keys/${idOf(acmeAdmin)}`,
        headers: bearer(agentKey),
      });
      expectProblem(revoke, 403, "CP_SCOPE_MISSING", [agentKey]);
      expect((await keyRow(idOf(acmeAdmin)))?.revoked_at).toBeNull();
    });

    it("needs a key: none, or a bad one, is CP_UNAUTHENTICATED", async () => {
      expectProblem(await app.inject({ url: "/api/keys" }), 401, "CP_UNAUTHENTICATED", []);
      const bad = `sec0_${idOf(acmeAdmin)}_${"d".repeat(32)}`;
      expectProblem(
        await post("/api/keys", bearer(bad), { label: "x", scopes: ["admin"] }),
        401,
        "CP_UNAUTHENTICATED",
        [bad],
      );
    });

    it("refuses unknown body members, unknown scopes, bad ids and query parameters with 400", async () => {
      const cases = [
        await post("/api/keys", bearer(acmeAdmin), { label: "x", scopes: ["admin"], tenantId: "beta" }),
        await post("/api/keys", bearer(acmeAdmin), { label: "x", scopes: ["root"] }),
        await post("/api/keys", bearer(acmeAdmin), { label: "x", scopes: [] }),
        await post("/api/keys", bearer(acmeAdmin), { label: "", scopes: ["admin"] }),
        await post("/api/keys", bearer(acmeAdmin), { label: "x", scopes: ["admin"], env: "qa" }),
        await app.inject({ url: "/api/keys?tenant=beta", headers: bearer(acmeAdmin) }),
        await app.inject({ method: "DELETE", url: "/api/keys/short", headers: bearer(acmeAdmin) }),
      ];
      for (const reply of cases) expectProblem(reply, 400, "CP_REQUEST_INVALID", [acmeAdmin]);
      const beta = ApiKeyListSchema.parse(
        (await app.inject({ url: "/api/keys", headers: bearer(betaAdmin) })).json(),
      );
      expect(beta.keys).toHaveLength(1);
    });

    it("refuses a body over 1 MiB with 413", async () => {
      const payload = JSON.stringify({ label: "x".repeat(1024 * 1024 + 16), scopes: ["admin"] });
      const reply = await app.inject({
        method: "POST",
        url: "/api/keys",
        headers: { ...bearer(acmeAdmin), "content-type": "application/json" },
        payload,
      });
      expectProblem(reply, 413, "CP_BODY_TOO_LARGE", [acmeAdmin]);
    });
  });

  describe("GET /api/tenants/me", () => {
    it("answers the key's tenant and scopes", async () => {
      const reply = await app.inject({ url: "/api/tenants/me", headers: bearer(agentKey) });
      expect(reply.statusCode).toBe(200);
      expect(TenantMeSchema.parse(reply.json())).toEqual({
        tenant: "acme",
        name: "acme",
        keyId: idOf(agentKey),
        scopes: ["policy:read"],
        roles: ["read_only"],
        env: "staging",
        clientName: "planner",
        clientVersion: "2.1.0",
        userId: "u-1",
      });
      expect(reply.body).not.toContain(agentKey);
    });
  });

  it("documents its routes in /openapi.json", async () => {
    const openapi = (await app.inject({ url: "/openapi.json" })).json();
    for (const path of [
      "/api/discover",
      "/api/auth/validate-key",
      "/api/keys",
      "/api/keys/{id}",
      "/api/tenants/me",
    ]) {
      expect(Object.keys(openapi.paths)).toContain(path);
    }
  });
});
