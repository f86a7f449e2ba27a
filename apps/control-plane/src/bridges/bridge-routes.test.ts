import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { auth, buildClockedApp, keyWith, testClock } from "../escalations/__fixtures__/escalation-app.js";

const SECRET = `${"s".repeat(24)}-secret-value-xyz`;
const TOKEN = "bearer-token-value-1234";

forEachStorage("bridge routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  const clock = testClock();
  const put = (name: string, payload: unknown, key = admin) =>
    app.inject({
      method: "PUT",
      url: `/api/bridges/${name}`,
      headers: auth(key),
      payload: payload as object,
    });
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, clock);
    admin = (await keyWith(opened, "acme", ["admin"])).text;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  describe("register, list, delete", () => {
    it("creates (201), replaces (200), lists without secrets and deletes (204)", async () => {
      const first = await put("main", { url: "https://bridge.example/webhooks/escalations", secret: SECRET });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ name: "main", has_bearer_token: false, event_types: null });
      const second = await put("main", {
        url: "https://bridge.example/webhooks/escalations",
        secret: SECRET,
        bearer_token: TOKEN,
        event_types: ["escalation.finalized"],
      });
      expect(second.statusCode).toBe(200);
      expect(second.json()).toMatchObject({ has_bearer_token: true, event_types: ["escalation.finalized"] });
      const list = await app.inject({ url: "/api/bridges", headers: auth(admin) });
      expect(list.statusCode).toBe(200);
      expect(list.json().bridges).toHaveLength(1);
      for (const body of [first.body, second.body, list.body]) {
        expect(body).not.toContain(SECRET);
        expect(body).not.toContain(TOKEN);
      }
      expect(
        (await app.inject({ method: "DELETE", url: "/api/bridges/main", headers: auth(admin) })).statusCode,
      ).toBe(204);
      const again = await app.inject({ method: "DELETE", url: "/api/bridges/main", headers: auth(admin) });
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe("CP_NOT_FOUND");
    });

    it("needs the admin scope and never shows another tenant's bridges", async () => {
      const voter = (await keyWith(opened, "acme", ["escalation:vote"])).text;
      const refused = await put("x", { url: "https://bridge.example/hook", secret: SECRET }, voter);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain(SECRET);
      const otherAdmin = (await keyWith(opened, "beta", ["admin"])).text;
      expect(
        (await put("beta-only", { url: "https://b.example/hook", secret: SECRET }, otherAdmin)).statusCode,
      ).toBe(201);
      const mine = (await app.inject({ url: "/api/bridges", headers: auth(admin) })).json().bridges as {
        name: string;
      }[];
      expect(mine.map((b) => b.name)).not.toContain("beta-only");
      expect(
        (await app.inject({ method: "DELETE", url: "/api/bridges/beta-only", headers: auth(admin) }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe("validation", () => {
    it("refuses unknown fields with 400 and never echoes the secret", async () => {
      const reply = await put("main", { url: "https://bridge.example/hook", secret: SECRET, extra: true });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().code).toBe("CP_REQUEST_INVALID");
      expect(reply.body).not.toContain(SECRET);
    });

    it("refuses a short secret with 400 without echoing it", async () => {
      const reply = await put("main", { url: "https://bridge.example/hook", secret: "short-secret-123" });
      expect(reply.statusCode).toBe(400);
      expect(reply.body).not.toContain("short-secret-123");
    });

    it.each([
      ["not a url", "CP_BRIDGE_URL_INVALID"],
      ["ftp://bridge.example/hook", "CP_BRIDGE_URL_INVALID"],
      ["https://user:pw-in-url@bridge.example/hook", "CP_BRIDGE_URL_INVALID"],
      ["https://bridge.example/hook#frag", "CP_BRIDGE_URL_INVALID"],
      ["", "CP_REQUEST_INVALID"],
    ])("refuses the url %j with 400 %s", async (url, code) => {
      const reply = await put("main", { url, secret: SECRET });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().code).toBe(code);
      expect(reply.body).not.toContain("pw-in-url");
      expect(reply.body).not.toContain(SECRET);
    });

    it("refuses a bad name and a bad event type with 400", async () => {
      expect((await put("bad%20name", { url: "https://b.example/h", secret: SECRET })).statusCode).toBe(400);
      expect(
        (await put("ok", { url: "https://b.example/h", secret: SECRET, event_types: ["nope"] })).statusCode,
      ).toBe(400);
    });
  });
});
