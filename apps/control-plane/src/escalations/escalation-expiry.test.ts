import { silentLogger } from "@sec0/core";
import { ApprovalsBridgeEventSchema, EscalationResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { TEST_SIGNER } from "../__fixtures__/test-app.js";
import {
  auth,
  buildClockedApp,
  create,
  eventsOf,
  keyWith,
  testClock,
  vote,
} from "./__fixtures__/escalation-app.js";
import { expireDueEscalations, startExpirySweeper } from "./expire-escalations.js";

forEachStorage("escalation expiry", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let requester: string;
  let approver: string;
  const clock = testClock();
  const deps = () => ({
    db: opened.db,
    signer: TEST_SIGNER,
    newId: (p: string) => `${p}_${Math.random().toString(36).slice(2)}${Date.now()}`,
  });
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, clock);
    requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    approver = (await keyWith(opened, "acme", ["escalation:vote"], "approver")).text;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("the sweep expires a due escalation (never approves) with one finalized event", async () => {
    const created = await create(app, requester, {
      ttl_seconds: 60,
      approval_strategy: "human_quorum",
      min_approvals: 2,
    });
    await vote(app, approver, created.id, "approve");
    expect(await expireDueEscalations(deps(), clock.now())).not.toContain(created.id);
    clock.advance(60_000);
    expect(await expireDueEscalations(deps(), clock.now())).toContain(created.id);
    expect(await expireDueEscalations(deps(), clock.now())).not.toContain(created.id);
    const got = EscalationResponseSchema.parse(
      (await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })).json(),
    );
    expect(got.escalation).toMatchObject({ status: "expired", finalization_reason: "timeout" });
    expect(got.escalation.approval_token).toBeUndefined();
    const finalized = (await eventsOf(opened, created.id)).filter((e) => e.type === "escalation.finalized");
    expect(finalized).toHaveLength(1);
    expect(ApprovalsBridgeEventSchema.parse(finalized[0]?.payload)).toMatchObject({
      escalation: { status: "expired", finalization_reason: "timeout" },
    });
    const late = await vote(
      app,
      (await keyWith(opened, "acme", ["escalation:vote"], "late")).text,
      created.id,
      "approve",
    );
    expect(late.json()).toMatchObject({ code: "CP_ESCALATION_FINAL" });
  });

  it("a read after expires_at sees it expired without a sweep (lazy expiry)", async () => {
    const created = await create(app, requester, { ttl_seconds: 30 });
    clock.advance(30_001);
    const got = (await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })).json()
      .escalation;
    expect(got).toMatchObject({ status: "expired", finalization_reason: "timeout" });
    expect(await expireDueEscalations(deps(), clock.now())).not.toContain(created.id);
    expect(
      (await eventsOf(opened, created.id)).filter((e) => e.type === "escalation.finalized"),
    ).toHaveLength(1);
  });

  it("a vote after expires_at gets CP_ESCALATION_FINAL and the escalation is expired", async () => {
    const created = await create(app, requester, { ttl_seconds: 30 });
    clock.advance(31_000);
    const reply = await vote(
      app,
      (await keyWith(opened, "acme", ["escalation:vote"], "too-late")).text,
      created.id,
      "approve",
    );
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({ code: "CP_ESCALATION_FINAL", details: { status: "expired" } });
    const { rows } = await opened.db.query<{ status: string }>(
      "SELECT status FROM escalations WHERE id = $1",
      [created.id],
    );
    expect(rows[0]?.status).toBe("expired");
    expect(
      (await eventsOf(opened, created.id)).filter((e) => e.type === "escalation.finalized"),
    ).toHaveLength(1);
  });

  it("parallel sweeps and reads finalize an escalation once", async () => {
    const created = await create(app, requester, { ttl_seconds: 10 });
    clock.advance(10_000);
    await Promise.all([
      ...Array.from({ length: 5 }, () => expireDueEscalations(deps(), clock.now())),
      ...Array.from({ length: 5 }, () =>
        app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) }),
      ),
    ]);
    expect(
      (await eventsOf(opened, created.id)).filter((e) => e.type === "escalation.finalized"),
    ).toHaveLength(1);
  });

  it("startExpirySweeper expires on its timer with the context's clock, and stops", async () => {
    const created = await create(app, requester, { ttl_seconds: 5 });
    clock.advance(5_000);
    const stop = startExpirySweeper({ ...deps(), clock, logger: silentLogger, publicUrl: "http://x" }, 20);
    try {
      for (let i = 0; i < 100; i++) {
        const { rows } = await opened.db.query<{ status: string }>(
          "SELECT status FROM escalations WHERE id = $1",
          [created.id],
        );
        if (rows[0]?.status === "expired") break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      stop();
    }
    const { rows } = await opened.db.query<{ status: string }>(
      "SELECT status FROM escalations WHERE id = $1",
      [created.id],
    );
    expect(rows[0]?.status).toBe("expired");
  });
});
