import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import {
  buildClockedApp,
  create,
  eventsOf,
  keyWith,
  testClock,
  vote,
} from "./__fixtures__/escalation-app.js";

forEachStorage("escalation votes under concurrency", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildClockedApp(opened, testClock());
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("200 parallel votes: counted exactly, one final state, one finalized event", {
    timeout: 60_000,
  }, async () => {
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const created = await create(app, requester, {
      approval_strategy: "human_quorum",
      min_approvals: 150,
      min_rejections: 60,
    });
    const keys = await Promise.all(
      Array.from({ length: 200 }, (_, i) => keyWith(opened, "acme", ["escalation:vote"], `user-${i}`)),
    );
    // 170 approvals and 30 rejections: rejections never reach 60, so approval is the only outcome.
    const replies = await Promise.all(
      keys.map((key, i) => vote(app, key.text, created.id, i % 20 < 17 ? "approve" : "reject")),
    );
    const ok = replies.filter((r) => r.statusCode === 200);
    const final = replies.filter((r) => r.statusCode === 409);
    expect(ok.length + final.length).toBe(200);
    for (const reply of final) expect(reply.json().code).toBe("CP_ESCALATION_FINAL");
    const finalizing = ok.filter((r) => r.json().escalation.status === "approved");
    expect(finalizing.length).toBeGreaterThanOrEqual(1);
    const { rows } = await opened.db.query<{
      status: string;
      approvals: number;
      rejections: number;
      votes: string;
    }>(
      `SELECT status, approvals, rejections, (SELECT count(*) FROM escalation_votes WHERE escalation_id = e.id)::text AS votes
       FROM escalations e WHERE id = $1`,
      [created.id],
    );
    const row = rows[0];
    expect(row?.status).toBe("approved");
    expect(row?.approvals).toBe(150);
    expect(Number(row?.votes)).toBe(ok.length);
    expect((row?.approvals ?? 0) + (row?.rejections ?? 0)).toBe(ok.length);
    const events = await eventsOf(opened, created.id);
    expect(events.filter((e) => e.type === "escalation.finalized")).toHaveLength(1);
    expect(events.filter((e) => e.type === "escalation.vote_recorded")).toHaveLength(ok.length);
    const tokens = await opened.db.query("SELECT id FROM approval_tokens WHERE escalation_id = $1", [
      created.id,
    ]);
    expect(tokens.rows).toHaveLength(1);
  });

  it("the same approver voting 20 times in parallel is counted once", async () => {
    const requester = (await keyWith(opened, "acme", ["escalation:create"])).text;
    const created = await create(app, requester, { approval_strategy: "human_quorum", min_approvals: 5 });
    const key = (await keyWith(opened, "acme", ["escalation:vote"], "same-user")).text;
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => vote(app, key, created.id, "approve")),
    );
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.statusCode === 409 && r.json().code === "CP_VOTE_DUPLICATE")).toHaveLength(
      19,
    );
  });
});
