import { ApprovalsBridgeEventSchema, EscalationResponseSchema } from "@sec0/core/contracts";
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

forEachStorage("escalation routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let requester: string;
  let admin: string;
  const clock = testClock();
  const voter = async (userId: string, roles?: string[]) => {
    const key = await keyWith(opened, "acme", ["escalation:vote"], userId);
    if (roles !== undefined) {
      const reply = await app.inject({
        method: "PUT",
        url: `/api/approvers/${userId}/roles`,
        headers: auth(admin),
        payload: { roles },
      });
      expect(reply.statusCode).toBe(200);
    }
    return key.text;
  };
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, clock);
    requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    admin = (await keyWith(opened, "acme", ["admin"])).text;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  describe("create and get", () => {
    it("creates a pending escalation in the 0.2.3 shape and reads it back", async () => {
      const reply = await app.inject({
        method: "POST",
        url: "/api/escalations?tenant=acme",
        headers: auth(requester),
        payload: {
          content: "Policy denied mcp://files/delete@1.0 due to fs_violation.",
          violation: "fs_violation",
          rule_id: null,
          severity: "high",
          ttl_seconds: 120,
          metadata: { tool_ref: "mcp://files/delete@1.0" },
        },
      });
      expect(reply.statusCode).toBe(201);
      const created = EscalationResponseSchema.parse(reply.json()).escalation;
      expect(created).toMatchObject({ status: "pending", tool_ref: "mcp://files/delete@1.0" });
      expect(Date.parse(created.expires_at ?? "") - Date.parse(created.created_at ?? "")).toBe(120_000);
      const got = await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) });
      expect(got.statusCode).toBe(200);
      const record = EscalationResponseSchema.parse(got.json()).escalation;
      expect(record).toMatchObject({
        id: created.id,
        status: "pending",
        resolved_at: null,
        metadata: { tool_ref: "mcp://files/delete@1.0" },
      });
      const events = await eventsOf(opened, created.id);
      expect(events.map((e) => e.type)).toEqual(["escalation.created"]);
      expect(ApprovalsBridgeEventSchema.parse(events[0]?.payload)).toMatchObject({
        tenant_id: "acme",
        escalation: { id: created.id },
      });
    });

    it("refuses a key without escalation:create, another tenant in ?tenant= and auto_approve", async () => {
      const voteOnly = await voter("nobody");
      expect(
        (
          await app.inject({
            method: "POST",
            url: "/api/escalations",
            headers: auth(voteOnly),
            payload: { content: "x", violation: "v" },
          })
        ).json(),
      ).toMatchObject({ code: "CP_SCOPE_MISSING" });
      expect(
        (
          await app.inject({
            method: "POST",
            url: "/api/escalations?tenant=other",
            headers: auth(requester),
            payload: { content: "x", violation: "v" },
          })
        ).json(),
      ).toMatchObject({ code: "CP_TENANT_MISMATCH" });
      const autoApprove = await app.inject({
        method: "POST",
        url: "/api/escalations",
        headers: auth(requester),
        payload: { content: "x", violation: "v", timeout_action: "auto_approve" },
      });
      expect(autoApprove.statusCode).toBe(400);
      expect(autoApprove.json()).toMatchObject({ code: "CP_REQUEST_INVALID" });
    });

    it("approves auto_allow at creation with one finalized event", async () => {
      const created = await create(app, requester, { approval_strategy: "auto_allow" });
      expect(created).toMatchObject({ status: "approved", finalization_reason: "auto_allow" });
      expect(typeof created.approval_token).toBe("string");
      expect((await eventsOf(opened, created.id)).map((e) => e.type)).toEqual([
        "escalation.created",
        "escalation.finalized",
      ]);
    });

    it("answers an unknown id, and another tenant's escalation, with 404", async () => {
      const created = await create(app, requester);
      const other = (await keyWith(opened, "tenant-b", ["escalation:create", "escalation:vote"])).text;
      expect(
        (await app.inject({ url: "/api/escalations/esc_nope", headers: auth(requester) })).statusCode,
      ).toBe(404);
      const get = await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(other) });
      expect(get.statusCode).toBe(404);
      expect(get.json()).toMatchObject({ code: "CP_NOT_FOUND" });
      expect((await vote(app, other, created.id, "approve")).statusCode).toBe(404);
      expect(
        (await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })).json()
          .escalation.status,
      ).toBe("pending");
    });
  });

  describe("votes", () => {
    it("single_approver: the first verdict decides; later votes get CP_ESCALATION_FINAL", async () => {
      const created = await create(app, requester);
      const reply = await vote(app, await voter("alice"), created.id, "reject");
      expect(reply.statusCode).toBe(200);
      const record = EscalationResponseSchema.parse(reply.json()).escalation;
      expect(record).toMatchObject({ status: "rejected", finalization_reason: "rejected" });
      expect(record.resolved_at).not.toBeNull();
      const late = await vote(app, await voter("bob"), created.id, "approve");
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: "CP_ESCALATION_FINAL" });
      const types = (await eventsOf(opened, created.id)).map((e) => e.type);
      expect(types.filter((t) => t === "escalation.finalized")).toHaveLength(1);
      for (const event of await eventsOf(opened, created.id)) ApprovalsBridgeEventSchema.parse(event.payload);
    });

    it("refuses a second vote by the same approver with CP_VOTE_DUPLICATE; the first stands", async () => {
      const created = await create(app, requester, { approval_strategy: "human_quorum", min_approvals: 2 });
      const carol = await voter("carol");
      expect((await vote(app, carol, created.id, "approve")).statusCode).toBe(200);
      // Another key of the same user is the same approver.
      const carolAgain = await voter("carol");
      const second = await vote(app, carolAgain, created.id, "reject");
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ code: "CP_VOTE_DUPLICATE" });
      const got = (
        await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })
      ).json().escalation;
      expect(got).toMatchObject({ status: "pending", approvals: 1, rejections: 0 });
    });

    it("a key without a user id votes as its key id", async () => {
      const created = await create(app, requester, { approval_strategy: "human_quorum", min_approvals: 2 });
      const key = await keyWith(opened, "acme", ["escalation:vote"]);
      expect((await vote(app, key.text, created.id, "approve")).statusCode).toBe(200);
      const { rows } = await opened.db.query<{ approver_id: string }>(
        "SELECT approver_id FROM escalation_votes WHERE escalation_id = $1",
        [created.id],
      );
      expect(rows).toEqual([{ approver_id: key.id }]);
    });

    it("a bridge key (escalation:vote_for) votes as the approver the body names, each counted once", async () => {
      const created = await create(app, requester, { approval_strategy: "human_quorum", min_approvals: 2 });
      const bridge = (await keyWith(opened, "acme", ["escalation:vote_for"])).text;
      const asApprover = (approver: string, actor: string) =>
        app.inject({
          method: "PUT",
          url: `/api/escalations/${created.id}`,
          headers: auth(bridge),
          payload: { action: "approve", approver_id: approver, actor_id: actor },
        });
      expect((await asApprover("alice", "discord:111")).json().escalation).toMatchObject({ approvals: 1 });
      const again = await asApprover("alice", "telegram:222");
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: "CP_VOTE_DUPLICATE" });
      expect((await asApprover("bob", "telegram:333")).json().escalation).toMatchObject({
        status: "approved",
      });
      const { rows } = await opened.db.query<{ approver_id: string; actor_id: string }>(
        "SELECT approver_id, actor_id FROM escalation_votes WHERE escalation_id = $1 ORDER BY approver_id",
        [created.id],
      );
      expect(rows).toEqual([
        { approver_id: "alice", actor_id: "discord:111" },
        { approver_id: "bob", actor_id: "telegram:333" },
      ]);
    });

    it("refuses approver_id from a key without escalation:vote_for, and vote_for without approver_id", async () => {
      const created = await create(app, requester);
      const plain = await voter("mallory");
      const forged = await app.inject({
        method: "PUT",
        url: `/api/escalations/${created.id}`,
        headers: auth(plain),
        payload: { action: "approve", approver_id: "alice" },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.json()).toMatchObject({ code: "CP_SCOPE_MISSING" });
      const bridge = (await keyWith(opened, "acme", ["escalation:vote_for"])).text;
      const anonymous = await app.inject({
        method: "PUT",
        url: `/api/escalations/${created.id}`,
        headers: auth(bridge),
        payload: { action: "approve" },
      });
      expect(anonymous.statusCode).toBe(400);
      expect(anonymous.json()).toMatchObject({ code: "CP_REQUEST_INVALID" });
      const got = (
        await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })
      ).json();
      expect(got.escalation.status).toBe("pending");
    });

    it("human_quorum with min_approvals 2 approves on the second approval", async () => {
      const created = await create(app, requester, {
        approval_strategy: "human_quorum",
        min_approvals: 2,
        min_rejections: 2,
      });
      expect((await vote(app, await voter("q1"), created.id, "approve")).json().escalation.status).toBe(
        "pending",
      );
      expect((await vote(app, await voter("q2"), created.id, "reject")).json().escalation.status).toBe(
        "pending",
      );
      const final = (await vote(app, await voter("q3"), created.id, "approve")).json().escalation;
      expect(final).toMatchObject({
        status: "approved",
        approvals: 2,
        rejections: 1,
        finalization_reason: "approved",
      });
      const types = (await eventsOf(opened, created.id)).map((e) => e.type);
      expect(types.filter((t) => t === "escalation.vote_recorded")).toHaveLength(3);
      expect(types.filter((t) => t === "escalation.finalized")).toHaveLength(1);
    });

    it("human_quorum with a required role waits until an approver with the role approves", async () => {
      const created = await create(app, requester, {
        approval_strategy: "human_quorum",
        min_approvals: 1,
        required_roles: ["security"],
      });
      expect(
        (await vote(app, await voter("dev1", ["dev"]), created.id, "approve")).json().escalation,
      ).toMatchObject({ status: "pending", approvals: 1 });
      const final = (await vote(app, await voter("sec1", ["security"]), created.id, "approve")).json()
        .escalation;
      expect(final).toMatchObject({ status: "approved", approvals: 2 });
    });

    it("human_quorum: a rejection by a veto role rejects at once; others count to min_rejections", async () => {
      const created = await create(app, requester, {
        approval_strategy: "human_quorum",
        min_approvals: 5,
        min_rejections: 3,
        veto_roles: ["ciso"],
      });
      expect((await vote(app, await voter("r1"), created.id, "reject")).json().escalation.status).toBe(
        "pending",
      );
      const final = (await vote(app, await voter("boss", ["ciso"]), created.id, "reject")).json().escalation;
      expect(final).toMatchObject({ status: "rejected", finalization_reason: "vetoed", rejections: 2 });
    });

    it("human_quorum: rejections reaching min_rejections reject", async () => {
      const created = await create(app, requester, {
        approval_strategy: "human_quorum",
        min_approvals: 3,
        min_rejections: 2,
      });
      await vote(app, await voter("n1"), created.id, "reject");
      const final = (await vote(app, await voter("n2"), created.id, "reject")).json().escalation;
      expect(final).toMatchObject({ status: "rejected", finalization_reason: "rejected" });
    });

    it("needs escalation:vote and a valid action", async () => {
      const created = await create(app, requester);
      expect((await vote(app, requester, created.id, "approve")).json()).toMatchObject({
        code: "CP_SCOPE_MISSING",
      });
      const bad = await app.inject({
        method: "PUT",
        url: `/api/escalations/${created.id}`,
        headers: auth(await voter("v")),
        payload: { action: "maybe" },
      });
      expect(bad.statusCode).toBe(400);
    });

    it("does not give the approval token to a voter's key, only to the requester side", async () => {
      const created = await create(app, requester);
      const approved = (await vote(app, await voter("tok"), created.id, "approve")).json().escalation;
      expect(approved.status).toBe("approved");
      expect(approved.approval_token).toBeUndefined();
      const got = (
        await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })
      ).json().escalation;
      expect(got.approval_token).toMatch(/^apt_/);
    });
  });

  describe("roles route", () => {
    it("needs admin", async () => {
      const reply = await app.inject({
        method: "PUT",
        url: "/api/approvers/x/roles",
        headers: auth(requester),
        payload: { roles: ["a"] },
      });
      expect(reply.json()).toMatchObject({ code: "CP_SCOPE_MISSING" });
      const ok = await app.inject({
        method: "PUT",
        url: "/api/approvers/x/roles",
        headers: auth(admin),
        payload: { roles: ["b", "a", "a"] },
      });
      expect(ok.json()).toEqual({ approver_id: "x", roles: ["a", "b"] });
    });
  });
});
