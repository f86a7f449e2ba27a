import { silentLogger } from "@sec0/core";
import { ApprovalsBridgeEventSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import {
  auth,
  buildClockedApp,
  create,
  keyWith,
  testClock,
  vote,
} from "../escalations/__fixtures__/escalation-app.js";
import { startReceiver, type TestReceiver } from "./__fixtures__/receiver.js";
import { type BridgeDeliveryOptions, deliverDueEvents } from "./deliver-due-events.js";
import { startBridgeDelivery } from "./start-bridge-delivery.js";

const SECRET = "0123456789abcdef0123456789abcdef-hmac";
const TOKEN = "token-for-the-bridge-0001";
/** Jitter at its top: each delay is just under 1 s, 2 s, 4 s … */
const options: BridgeDeliveryOptions = { random: () => 0.999, timeoutMs: 2000 };

forEachStorage("bridge delivery", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  const clock = testClock();
  const receivers: TestReceiver[] = [];
  const logged: string[] = [];
  const logger = {
    ...silentLogger,
    warn: (obj: object, msg: string) => void logged.push(JSON.stringify({ obj, msg })),
  };
  const context = () => ({ db: opened.db, logger });
  const pass = (extra: BridgeDeliveryOptions = {}) =>
    deliverDueEvents(context(), { ...options, ...extra }, clock.now());
  const receiver = async (status?: (n: number) => number) => {
    const started = await startReceiver({
      secret: SECRET,
      nowMs: () => clock.now(),
      ...(status ? { status } : {}),
    });
    receivers.push(started);
    return started;
  };
  const register = async (tenant: string, name: string, url: string, extra: Record<string, unknown> = {}) => {
    const admin = (await keyWith(opened, tenant, ["admin"])).text;
    const reply = await app.inject({
      method: "PUT",
      url: `/api/bridges/${name}`,
      headers: auth(admin),
      payload: { url, secret: SECRET, ...extra },
    });
    expect(reply.statusCode).toBe(201);
    return admin;
  };
  const remove = async (admin: string, name: string) => {
    await app.inject({ method: "DELETE", url: `/api/bridges/${name}`, headers: auth(admin) });
  };
  const deliveriesOf = async (escalationId: string) => {
    const { rows } = await opened.db.query<{
      attempts: number;
      delivered_at: unknown;
      abandoned_at: unknown;
      last_error: string | null;
    }>(
      `SELECT d.attempts, d.delivered_at, d.abandoned_at, d.last_error FROM bridge_deliveries d
       JOIN escalation_events e ON e.event_id = d.event_id WHERE e.escalation_id = $1`,
      [escalationId],
    );
    return rows;
  };
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, clock);
  });
  afterEach(async () => {
    // Every test registers its own bridges: drop them (and their deliveries) after it.
    await opened.db.query("DELETE FROM bridges");
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await app.close();
    await opened.close();
  });

  it("delivers created, vote_recorded and finalized once each, signed, with the bearer token", async () => {
    const bridge = await receiver();
    const admin = await register("acme", "main", bridge.url, { bearer_token: TOKEN });
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const approver = (await keyWith(opened, "acme", ["escalation:vote"], "alice")).text;
    const escalation = await create(app, requester);
    expect(await pass()).toEqual({ delivered: 1, retrying: 0, abandoned: 0 });
    expect((await vote(app, approver, escalation.id, "approve")).statusCode).toBe(200);
    expect(await pass()).toEqual({ delivered: 2, retrying: 0, abandoned: 0 });
    expect(await pass()).toEqual({ delivered: 0, retrying: 0, abandoned: 0 });
    const mine = bridge.received.filter((r) => r.event.escalation.id === escalation.id);
    expect(mine.map((r) => r.event.event_type).sort()).toEqual([
      "escalation.created",
      "escalation.finalized",
      "escalation.vote_recorded",
    ]);
    expect(new Set(mine.map((r) => r.event.event_id)).size).toBe(3);
    expect(new Set(mine.map((r) => r.headers["x-sec0-bridge-nonce"])).size).toBe(3);
    for (const request of mine) {
      expect(request.verification).toEqual({ ok: true });
      expect(request.path).toBe("/webhooks/escalations");
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(ApprovalsBridgeEventSchema.parse(JSON.parse(request.body))).toMatchObject({ tenant_id: "acme" });
    }
    expect(
      (await deliveriesOf(escalation.id)).every((d) => d.delivered_at !== null && d.attempts === 1),
    ).toBe(true);
    await remove(admin, "main");
  });

  it("retries with exponential backoff: 500, 500, then 200 on the third attempt", async () => {
    const bridge = await receiver((n) => (n <= 2 ? 500 : 200));
    const admin = await register("acme", "flaky", bridge.url, { event_types: ["escalation.created"] });
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const escalation = await create(app, requester);
    expect(await pass()).toEqual({ delivered: 0, retrying: 1, abandoned: 0 });
    expect((await deliveriesOf(escalation.id))[0]).toMatchObject({ attempts: 1, last_error: "HTTP 500" });
    expect(await pass()).toEqual({ delivered: 0, retrying: 0, abandoned: 0 });
    clock.advance(999);
    expect(await pass()).toEqual({ delivered: 0, retrying: 1, abandoned: 0 });
    clock.advance(1500);
    expect(await pass()).toEqual({ delivered: 0, retrying: 0, abandoned: 0 });
    clock.advance(500);
    expect(await pass()).toEqual({ delivered: 1, retrying: 0, abandoned: 0 });
    expect(bridge.received).toHaveLength(3);
    expect(new Set(bridge.received.map((r) => r.event.event_id)).size).toBe(1);
    expect(bridge.received.every((r) => r.verification.ok)).toBe(true);
    expect((await deliveriesOf(escalation.id))[0]).toMatchObject({ attempts: 3, last_error: null });
    await remove(admin, "flaky");
  });

  it("gives up after maxAttempts, keeping last_error without the secret", async () => {
    const bridge = await receiver(() => 503);
    const admin = await register("acme", "down", bridge.url, {
      event_types: ["escalation.created"],
      bearer_token: TOKEN,
    });
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const escalation = await create(app, requester);
    const results = [];
    for (let i = 0; i < 5; i += 1) {
      results.push(await pass({ maxAttempts: 3 }));
      clock.advance(10 * 60_000);
    }
    expect(results.map((r) => r.retrying + r.abandoned * 10)).toEqual([1, 1, 10, 0, 0]);
    expect(bridge.received).toHaveLength(3);
    const [delivery] = await deliveriesOf(escalation.id);
    expect(delivery).toMatchObject({ attempts: 3, delivered_at: null, last_error: "HTTP 503" });
    expect(delivery?.abandoned_at).not.toBeNull();
    expect(delivery?.last_error).not.toContain(SECRET);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).not.toContain(SECRET);
    expect(logged.join("\n")).not.toContain(TOKEN);
    await remove(admin, "down");
  });

  it("records a network failure and sends again later", async () => {
    const bridge = await receiver();
    await bridge.close();
    const admin = await register("acme", "gone", bridge.url, { event_types: ["escalation.created"] });
    const escalation = await create(app, (await keyWith(opened, "acme", ["escalation:create"])).text);
    expect(await pass()).toEqual({ delivered: 0, retrying: 1, abandoned: 0 });
    const [delivery] = await deliveriesOf(escalation.id);
    expect(delivery?.last_error).toMatch(/fetch failed|ECONNREFUSED/);
    expect(delivery?.last_error).not.toContain(SECRET);
    await remove(admin, "gone");
  });

  it("sends each delivery once when two passes run at the same time", async () => {
    const bridge = await receiver();
    await register("acme", "race", bridge.url, { event_types: ["escalation.created"] });
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const ids = [];
    for (let i = 0; i < 30; i += 1) ids.push((await create(app, requester)).id);
    const [one, two] = await Promise.all([pass(), pass()]);
    expect((one?.delivered ?? 0) + (two?.delivered ?? 0)).toBe(30);
    expect(bridge.received.map((r) => r.event.escalation.id).sort()).toEqual([...ids].sort());
  });

  it("never sends tenant A's events to tenant B's bridge", async () => {
    const a = await receiver();
    const b = await receiver();
    const adminA = await register("acme", "a", a.url);
    const adminB = await register("beta", "b", b.url);
    const requesterA = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const requesterB = (await keyWith(opened, "beta", ["escalation:create"])).text;
    const escalationA = await create(app, requesterA);
    const escalationB = await create(app, requesterB);
    await pass();
    expect(a.received.map((r) => r.event.escalation.id)).toEqual([escalationA.id]);
    expect(b.received.map((r) => r.event.escalation.id)).toEqual([escalationB.id]);
    expect(b.received.every((r) => r.event.tenant_id === "beta")).toBe(true);
    await remove(adminA, "a");
    await remove(adminB, "b");
  });

  it("does not send to a bridge events emitted before it was registered", async () => {
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    await create(app, requester);
    await pass();
    const late = await receiver();
    const admin = await register("acme", "late", late.url);
    const escalation = await create(app, requester);
    await pass();
    expect(late.received.map((r) => r.event.escalation.id)).toEqual([escalation.id]);
    await remove(admin, "late");
  });

  it("runs as a background worker until stopped", async () => {
    const bridge = await receiver();
    const admin = await register("acme", "worker", bridge.url, { event_types: ["escalation.created"] });
    const escalation = await create(app, (await keyWith(opened, "acme", ["escalation:create"])).text);
    const stop = startBridgeDelivery(
      {
        db: opened.db,
        logger: silentLogger,
        clock,
        signer: undefined as never,
        newId: () => "x",
        publicUrl: "",
      },
      { intervalMs: 20, ...options },
    );
    try {
      await expect.poll(() => bridge.received.length, { timeout: 5000 }).toBe(1);
    } finally {
      stop();
    }
    expect(bridge.received[0]?.event.escalation.id).toBe(escalation.id);
    await remove(admin, "worker");
  });
});
