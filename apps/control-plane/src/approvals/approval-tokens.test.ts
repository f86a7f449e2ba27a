import { ApprovalVerifyResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import {
  auth,
  buildClockedApp,
  create,
  keyWith,
  testClock,
  vote,
} from "../escalations/__fixtures__/escalation-app.js";
import { approvalTokenSha256 } from "./approval-token-text.js";

const CALL = {
  tool_ref: "mcp://files/delete@1.0",
  node_id: "planner",
  agent_ref: "run-1",
  call_digest: "a".repeat(64),
};

forEachStorage("approval tokens", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let requester: string;
  let approver: string;
  const clock = testClock();
  const verify = async (key: string, token: string, context: Record<string, unknown> = CALL) => {
    const reply = await app.inject({
      method: "POST",
      url: "/api/compliance/approvals/verify",
      headers: auth(key),
      payload: { token, context },
    });
    expect(reply.statusCode).toBe(200);
    return ApprovalVerifyResponseSchema.parse(reply.json());
  };
  const approvedToken = async () => {
    const created = await create(app, requester);
    const voted = await vote(app, approver, created.id, "approve");
    expect(voted.json().escalation.status).toBe("approved");
    const got = (await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })).json()
      .escalation;
    expect(got.approval_token).toMatch(/^apt_/);
    return { id: created.id, token: got.approval_token as string };
  };
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

  it("an approved escalation's token verifies once, then never again; only its SHA-256 is stored", async () => {
    const { id, token } = await approvedToken();
    const { rows } = await opened.db.query<{ token_sha256: string }>(
      "SELECT token_sha256 FROM approval_tokens WHERE escalation_id = $1",
      [id],
    );
    expect(rows[0]?.token_sha256).toBe(approvalTokenSha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const first = await verify(requester, token);
    expect(first).toMatchObject({ valid: true, approval: { id, escalation_id: id } });
    expect(typeof first.approval?.reason).toBe("string");
    expect(await verify(requester, token)).toEqual({ valid: false, invalid_reason: "already_used" });
    const after = (await app.inject({ url: `/api/escalations/${id}`, headers: auth(requester) })).json()
      .escalation;
    expect(after.approval_token).toBeUndefined();
  });

  it("20 parallel verifications of one token: exactly one is valid", async () => {
    const { token } = await approvedToken();
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(requester, token)));
    expect(results.filter((r) => r.valid)).toHaveLength(1);
    expect(results.filter((r) => !r.valid && r.invalid_reason === "already_used")).toHaveLength(19);
  });

  it("a mismatching context is invalid and does not consume the token", async () => {
    const { token } = await approvedToken();
    expect(await verify(requester, token, { ...CALL, tool_ref: "mcp://files/write@1.0" })).toEqual({
      valid: false,
      invalid_reason: "call_mismatch",
    });
    expect((await verify(requester, token, { ...CALL, node_id: "other" })).valid).toBe(false);
    expect((await verify(requester, token, { ...CALL, agent_ref: undefined })).valid).toBe(false);
    expect((await verify(requester, token, { ...CALL, call_digest: "b".repeat(64) })).valid).toBe(false);
    expect((await verify(requester, token)).valid).toBe(true);
  });

  it("an expired token is invalid", async () => {
    const { token } = await approvedToken();
    clock.advance(15 * 60 * 1000);
    expect(await verify(requester, token)).toEqual({ valid: false, invalid_reason: "expired" });
  });

  it("another tenant cannot verify the token, and it stays usable", async () => {
    const { token } = await approvedToken();
    const other = (await keyWith(opened, "tenant-b", ["escalation:create"])).text;
    expect(await verify(other, token)).toEqual({ valid: false, invalid_reason: "unknown_token" });
    expect((await verify(requester, token)).valid).toBe(true);
  });

  it("unknown and malformed tokens are invalid; rejected escalations get no token", async () => {
    expect(await verify(requester, "apt_nope")).toEqual({ valid: false, invalid_reason: "unknown_token" });
    expect(await verify(requester, "hello")).toEqual({ valid: false, invalid_reason: "malformed" });
    const created = await create(app, requester);
    await vote(
      app,
      (await keyWith(opened, "acme", ["escalation:vote"], "rejecter")).text,
      created.id,
      "reject",
    );
    const got = (await app.inject({ url: `/api/escalations/${created.id}`, headers: auth(requester) })).json()
      .escalation;
    expect(got.status).toBe("rejected");
    expect(got.approval_token).toBeUndefined();
    const { rows } = await opened.db.query("SELECT id FROM approval_tokens WHERE escalation_id = $1", [
      created.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("binds to metadata.args when the body has no call_digest (digest computed)", async () => {
    const created = await create(app, requester, {
      call_digest: undefined,
      approval_strategy: "auto_allow",
      metadata: { tool_ref: "mcp://files/delete@1.0", args: { path: "/tmp/x" } },
    });
    const token = created.approval_token as string;
    expect((await verify(requester, token, { ...CALL, call_digest: "c".repeat(64) })).valid).toBe(false);
    const { computeCallDigest } = await import("@sec0/core/contracts");
    const digest = computeCallDigest({
      toolRef: CALL.tool_ref,
      args: { path: "/tmp/x" },
      nodeId: "planner",
      runId: "run-1",
    });
    expect((await verify(requester, token, { ...CALL, call_digest: digest })).valid).toBe(true);
  });
});
