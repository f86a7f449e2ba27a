import { EscalationListResponseSchema, EscalationVotesResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import {
  auth,
  buildClockedApp,
  create,
  eventsOf,
  keyWith,
  testClock,
  vote,
} from "./__fixtures__/escalation-app.js";

forEachStorage("escalation list routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let requester: string;
  let reader: string;
  let admin: string;
  let betaRequester: string;
  const clock = testClock();
  const ids: Record<string, string> = {};

  const list = async (query = "", key = reader) => {
    const reply = await app.inject({ url: `/api/escalations${query}`, headers: auth(key) });
    expect(reply.statusCode, reply.body).toBe(200);
    return EscalationListResponseSchema.parse(reply.json()).escalations;
  };
  const idsOf = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
  const voterKey = async (userId: string, roles: string[]) => {
    const key = await keyWith(opened, "acme", ["escalation:vote"], userId);
    const set = await app.inject({
      method: "PUT",
      url: `/api/approvers/${userId}/roles`,
      headers: auth(admin),
      payload: { roles },
    });
    expect(set.statusCode).toBe(200);
    return key.text;
  };

  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, clock);
    requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    reader = (await keyWith(opened, "acme", ["policy:read"])).text;
    admin = (await keyWith(opened, "acme", ["admin"])).text;
    betaRequester = (await keyWith(opened, "beta", ["escalation:create"])).text;
    const approver = (await keyWith(opened, "acme", ["escalation:vote"], "ann")).text;
    // created 0 s..5 s apart; D approved, E rejected, F due before the list is read.
    for (const [name, ttl] of [
      ["A", 600],
      ["B", 120],
      ["C", 900],
      ["D", 300],
      ["E", 60],
      ["F", 30],
    ] as const) {
      ids[name] = (await create(app, requester, { ttl_seconds: ttl })).id;
      clock.advance(1000);
    }
    expect((await vote(app, approver, ids.D as string, "approve")).statusCode).toBe(200);
    expect((await vote(app, approver, ids.E as string, "reject")).statusCode).toBe(200);
    ids.beta = (await create(app, betaRequester, { ttl_seconds: 10 })).id;
    clock.advance(31_000);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  describe("GET /api/escalations", () => {
    it("lists pending first (soonest expiry first), then the rest newest first, due ones expired", async () => {
      const rows = await list();
      expect(idsOf(rows)).toEqual([ids.B, ids.A, ids.C, ids.F, ids.E, ids.D]);
      expect(rows.map((row) => row.status)).toEqual([
        "pending",
        "pending",
        "pending",
        "expired",
        "rejected",
        "approved",
      ]);
      expect(rows[3]).toMatchObject({ finalization_reason: "timeout" });
      expect((await eventsOf(opened, ids.F as string)).map((event) => event.type)).toEqual([
        "escalation.created",
        "escalation.finalized",
      ]);
      expect(rows[0]).toMatchObject({
        tool_ref: "mcp://files/delete@1.0",
        node_id: "planner",
        approval_strategy: "single_approver",
        approvals: 0,
        metadata: { source: "sec0" },
      });
      expect(rows[0]).not.toHaveProperty("approval_token");
    });

    it("filters by status and honours limit", async () => {
      expect(idsOf(await list("?status=pending"))).toEqual([ids.B, ids.A, ids.C]);
      expect(idsOf(await list("?status=expired"))).toEqual([ids.F]);
      expect(idsOf(await list("?status=approved"))).toEqual([ids.D]);
      expect(idsOf(await list("?status=rejected"))).toEqual([ids.E]);
      expect(idsOf(await list("?limit=2"))).toEqual([ids.B, ids.A]);
      expect(idsOf(await list("?status=pending&limit=1", requester))).toEqual([ids.B]);
      expect(await list("?limit=200")).toHaveLength(6);
    });

    it("refuses a bad status or limit with CP_REQUEST_INVALID", async () => {
      for (const query of ["?status=open", "?limit=0", "?limit=201", "?limit=ten"]) {
        const reply = await app.inject({ url: `/api/escalations${query}`, headers: auth(reader) });
        expect(reply.statusCode).toBe(400);
        expect(reply.json().code).toBe("CP_REQUEST_INVALID");
      }
    });

    it("never lists another tenant's escalations, nor expires them", async () => {
      const acme = idsOf(await list());
      expect(acme).not.toContain(ids.beta);
      const { rows } = await opened.db.query<{ status: string }>(
        "SELECT status FROM escalations WHERE id = $1",
        [ids.beta],
      );
      expect(rows[0]?.status).toBe("pending");
      const beta = await list("", betaRequester);
      expect(beta.map((row) => [row.id, row.status])).toEqual([[ids.beta, "expired"]]);
      const mismatch = await app.inject({ url: "/api/escalations?tenant=beta", headers: auth(reader) });
      expect(mismatch.statusCode).toBe(403);
      expect(mismatch.json().code).toBe("CP_TENANT_MISMATCH");
    });

    it("wants a valid key", async () => {
      const reply = await app.inject({ url: "/api/escalations" });
      expect(reply.statusCode).toBe(401);
      expect(reply.json().code).toBe("CP_UNAUTHENTICATED");
    });
  });

  describe("GET /api/escalations/:id/votes", () => {
    it("lists the votes oldest first with roles, notes and actor", async () => {
      const created = await create(app, requester, {
        approval_strategy: "human_quorum",
        min_approvals: 3,
        min_rejections: 3,
      });
      const votes = async (id: string, key = reader) => {
        const reply = await app.inject({ url: `/api/escalations/${id}/votes`, headers: auth(key) });
        expect(reply.statusCode, reply.body).toBe(200);
        return EscalationVotesResponseSchema.parse(reply.json()).votes;
      };
      expect(await votes(created.id)).toEqual([]);
      const zed = await voterKey("zed", ["sre"]);
      const amy = await voterKey("amy", []);
      expect((await vote(app, zed, created.id, "approve")).statusCode).toBe(200);
      clock.advance(1000);
      const rejected = await app.inject({
        method: "PUT",
        url: `/api/escalations/${created.id}`,
        headers: auth(amy),
        payload: { action: "reject", notes: "too broad", actor_id: "slack:U1" },
      });
      expect(rejected.statusCode).toBe(200);
      const listed = await votes(created.id);
      expect(listed).toEqual([
        {
          approver_id: "zed",
          action: "approve",
          roles: ["sre"],
          notes: null,
          actor_id: null,
          created_at: new Date(clock.now() - 1000).toISOString(),
        },
        {
          approver_id: "amy",
          action: "reject",
          roles: [],
          notes: "too broad",
          actor_id: "slack:U1",
          created_at: new Date(clock.now()).toISOString(),
        },
      ]);
      expect(await votes(created.id, requester)).toEqual(listed);
    });

    it("answers CP_NOT_FOUND for another tenant's escalation and an unknown id", async () => {
      for (const [id, key] of [
        [ids.D as string, betaRequester],
        [ids.beta as string, reader],
        ["esc_nope", reader],
      ] as const) {
        const reply = await app.inject({ url: `/api/escalations/${id}/votes`, headers: auth(key) });
        expect(reply.statusCode).toBe(404);
        expect(reply.json().code).toBe("CP_NOT_FOUND");
        expect(reply.body).not.toContain("ann");
      }
    });
  });

  it("documents both routes in /openapi.json", async () => {
    const paths = Object.keys((await app.inject({ url: "/openapi.json" })).json().paths);
    expect(paths).toContain("/api/escalations");
    expect(paths).toContain("/api/escalations/{id}/votes");
  });
});
