import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { auth, buildClockedApp, create, keyWith, testClock, vote } from "./__fixtures__/escalation-app.js";

forEachStorage("escalation long-poll", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let requester: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, testClock());
    requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("returns as soon as a vote finalizes the escalation", async () => {
    const created = await create(app, requester);
    const started = Date.now();
    const waiting = app.inject({ url: `/api/escalations/${created.id}?wait=30s`, headers: auth(requester) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const voted = await vote(
      app,
      (await keyWith(opened, "acme", ["escalation:vote"], "lp")).text,
      created.id,
      "approve",
    );
    expect(voted.statusCode).toBe(200);
    const reply = await waiting;
    expect(reply.json().escalation.status).toBe("approved");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("returns after the wait when nothing happens (wait=1s and wait=1)", async () => {
    const created = await create(app, requester);
    for (const wait of ["1s", "1"]) {
      const started = Date.now();
      const reply = await app.inject({
        url: `/api/escalations/${created.id}?wait=${wait}`,
        headers: auth(requester),
      });
      const took = Date.now() - started;
      expect(reply.json().escalation.status).toBe("pending");
      expect(took).toBeGreaterThanOrEqual(950);
      expect(took).toBeLessThan(4000);
    }
  });

  it("returns at once when the escalation is final, and refuses a malformed wait", async () => {
    const created = await create(app, requester, { approval_strategy: "auto_allow" });
    const started = Date.now();
    const reply = await app.inject({
      url: `/api/escalations/${created.id}?wait=30s`,
      headers: auth(requester),
    });
    expect(reply.json().escalation.status).toBe("approved");
    expect(Date.now() - started).toBeLessThan(1000);
    const bad = await app.inject({
      url: `/api/escalations/${created.id}?wait=soon`,
      headers: auth(requester),
    });
    expect(bad.json()).toMatchObject({ code: "CP_REQUEST_INVALID" });
  });
});

forEachStorage("escalation long-poll over a real socket", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let base: string;
  let requester: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, testClock());
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("waits over HTTP until a vote finalizes it", async () => {
    const created = await create(app, requester);
    const started = Date.now();
    const waiting = fetch(`${base}/api/escalations/${created.id}?wait=30s`, { headers: auth(requester) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await vote(app, (await keyWith(opened, "acme", ["escalation:vote"], "http")).text, created.id, "reject");
    const body = (await (await waiting).json()) as { escalation: { status: string } };
    expect(body.escalation.status).toBe("rejected");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

forEachStorage("escalation long-poll when the service closes", (storage) => {
  it("answers a long-poll in flight with the current state, and close() does not wait for it", async () => {
    const opened = await storage.open();
    const app = await buildClockedApp(opened, testClock());
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const created = await create(app, requester);
    const waiting = fetch(`${base}/api/escalations/${created.id}?wait=30s`, { headers: auth(requester) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    const body = (await (await waiting).json()) as { escalation: { status: string } };
    expect(body.escalation.status).toBe("pending");
    await opened.close();
  });
});
