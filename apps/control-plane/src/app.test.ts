import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "./__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "./__fixtures__/test-app.js";

forEachStorage("control plane service", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("answers health, readiness and its OpenAPI document", async () => {
    expect((await app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
    const openapi = (await app.inject({ url: "/openapi.json" })).json();
    expect(openapi.openapi).toBe("3.1.0");
  });

  it("never echoes the request path in a problem body (a key pasted into a URL stays out of it)", async () => {
    const admin = await keyFor(opened, "acme", ["admin"]);
    const pasted = await keyFor(opened, "acme", ["policy:read"]);
    for (const url of [`/api/keys/${pasted}`, `/nope/${pasted}`, `/api/policy/${pasted}?level=middleware`]) {
      const reply = await app.inject({
        method: url.startsWith("/api/keys") ? "DELETE" : "GET",
        url,
        headers: bearer(admin),
      });
      expect(reply.statusCode).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toContain(pasted);
    }
  });

  it("answers an unknown route with a problem body", async () => {
    const reply = await app.inject({
      url: "/nope",
      headers: bearer(await keyFor(opened, "acme", ["admin"])),
    });
    expect(reply.statusCode).toBe(404);
    expect(reply.headers["content-type"]).toContain("application/problem+json");
    expect(reply.json()).toMatchObject({ status: 404, code: "CP_ROUTE_NOT_FOUND" });
  });
});
