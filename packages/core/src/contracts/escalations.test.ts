import { describe, expect, it } from "vitest";
import {
  EscalationCreateResultSchema,
  EscalationRecordSchema,
  EscalationResolveInputSchema,
  EscalationResolveRequestSchema,
  EscalationResponseSchema,
  EscalationStatusResultSchema,
  EscalationStatusSchema,
  EscalationVotesResponseSchema,
  fromEscalationRecord,
  isEscalationTerminal,
} from "./escalation-status.js";
import {
  EscalationCreateInputSchema,
  EscalationCreateRequestSchema,
  EscalationQuerySchema,
  toEscalationCreateRequest,
} from "./escalations.js";

const input = {
  tenant: "acme",
  content: "Policy denied mcp://files/delete@1.0 due to fs_violation.",
  violation: "fs_violation",
  ruleId: "r1",
  message: "fs violation",
  severity: "high",
  nodeId: "planner",
  agentRef: "run-1",
  toolRef: "mcp://files/delete@1.0",
  callDigest: "a".repeat(64),
  metadata: { layer: "middleware" },
  findingSource: "evaluator",
  evaluatorFingerprint: "fp",
  evaluatorConfidence: 0.9,
  evaluatorPrinciples: ["unmet_preconditions"],
  evaluatorSnapshot: { decision: "escalate" },
  ttlSeconds: 3600,
  timeoutAction: "auto_reject",
  approvalStrategy: "human_quorum",
  approvalSetId: "set-1",
  minApprovals: 2,
  minRejections: 1,
  requiredRoles: ["sre"],
  vetoRoles: ["security"],
} as const;

describe("escalation create", () => {
  it("accepts a full 0.2.3 input with sec0's binding fields", () => {
    expect(EscalationCreateInputSchema.parse(input)).toEqual(input);
  });

  it.each([
    ["no violation", { content: "x" }],
    ["no content", { violation: "v" }],
    ["an unknown severity", { content: "x", violation: "v", severity: "urgent" }],
    ["a confidence above 1", { content: "x", violation: "v", evaluatorConfidence: 2 }],
    ["a fractional ttl", { content: "x", violation: "v", ttlSeconds: 1.5 }],
  ])("refuses an input with %s", (_label, body) => {
    expect(EscalationCreateInputSchema.safeParse(body).success).toBe(false);
  });

  it("refuses auto_approve on timeout, saying why", () => {
    const result = EscalationCreateInputSchema.safeParse({
      content: "x",
      violation: "v",
      timeoutAction: "auto_approve",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/timeout never approves/);
  });

  it("maps the input to the snake_case wire body without the tenant", () => {
    const body = toEscalationCreateRequest(input);
    expect(body).toMatchObject({
      rule_id: "r1",
      node_id: "planner",
      agent_ref: "run-1",
      call_digest: "a".repeat(64),
    });
    expect(body).toMatchObject({ ttl_seconds: 3600, min_approvals: 2, veto_roles: ["security"] });
    expect(body).not.toHaveProperty("tenant");
    expect(EscalationCreateRequestSchema.parse(body)).toEqual(body);
    expect(toEscalationCreateRequest({ content: "x", violation: "v" })).toEqual({
      content: "x",
      violation: "v",
    });
  });

  it("accepts nulls where 0.2.3 sends them and refuses a bad enum", () => {
    const body = {
      content: "x",
      violation: "v",
      rule_id: null,
      severity: null,
      metadata: null,
      ttl_seconds: null,
    };
    expect(EscalationCreateRequestSchema.safeParse(body).success).toBe(true);
    expect(EscalationCreateRequestSchema.safeParse({ ...body, approval_strategy: "vote" }).success).toBe(
      false,
    );
    expect(EscalationQuerySchema.safeParse({ tenant: "" }).success).toBe(false);
  });
});

describe("escalation status", () => {
  it("has four states, three of them terminal", () => {
    expect(EscalationStatusSchema.options).toEqual(["pending", "approved", "rejected", "expired"]);
    expect(EscalationStatusSchema.options.filter(isEscalationTerminal)).toEqual([
      "approved",
      "rejected",
      "expired",
    ]);
  });

  it("parses a create reply and a status reply", () => {
    const created = {
      escalation: { id: "esc_1", status: "pending", expires_at: "2026-02-01T13:00:00.000Z" },
    };
    expect(EscalationResponseSchema.safeParse(created).success).toBe(true);
    const done = {
      escalation: {
        id: "esc_1",
        status: "approved",
        expires_at: "2026-02-01T13:00:00.000Z",
        created_at: "2026-02-01T12:00:00.000Z",
        resolved_at: "2026-02-01T12:05:00.000Z",
        finalization_reason: "quorum reached",
        requester_status_message: null,
        metadata: { votes: 2 },
      },
    };
    expect(EscalationResponseSchema.safeParse(done).success).toBe(true);
  });

  it.each([
    ["no id", { status: "pending" }],
    ["an unknown status", { id: "e", status: "cancelled" }],
    ["a date that is not ISO", { id: "e", status: "pending", expires_at: "tomorrow" }],
  ])("refuses a record with %s", (_label, record) => {
    expect(EscalationRecordSchema.safeParse(record).success).toBe(false);
  });

  it("reads sec0's members of a record (the call, the strategy and the counts), null or absent", () => {
    const record = {
      id: "esc_2",
      status: "pending",
      violation: "fs_violation",
      severity: "high",
      tool_ref: "mcp://files/delete@1",
      call_digest: "ab".repeat(32),
      node_id: "planner",
      agent_ref: "run-42",
      approval_strategy: "human_quorum",
      min_approvals: 2,
      min_rejections: 1,
      required_roles: ["sre"],
      veto_roles: [],
      approvals: 1,
      rejections: 0,
      rule_id: null,
      message: null,
    };
    expect(EscalationRecordSchema.parse(record)).toEqual(record);
    expect(EscalationRecordSchema.safeParse({ ...record, approvals: -1 }).success).toBe(false);
    expect(EscalationRecordSchema.safeParse({ ...record, required_roles: "sre" }).success).toBe(false);
  });

  it("reads the votes of an escalation and refuses a vote that is neither approve nor reject", () => {
    const vote = {
      approver_id: "alice",
      action: "approve",
      roles: ["sre"],
      notes: null,
      actor_id: "discord:1234",
      created_at: "2026-02-01T12:01:00.000Z",
    };
    expect(EscalationVotesResponseSchema.parse({ votes: [vote] }).votes).toEqual([vote]);
    expect(EscalationVotesResponseSchema.safeParse({ votes: [{ ...vote, action: "abstain" }] }).success).toBe(
      false,
    );
  });

  it("maps a record to the camelCase result, dropping nulls", () => {
    const result = fromEscalationRecord({
      id: "esc_1",
      status: "rejected",
      expires_at: "2026-02-01T13:00:00.000Z",
      resolved_at: "2026-02-01T12:05:00.000Z",
      finalization_reason: "rejected by bob",
      requester_status_message: null,
    });
    expect(result).toEqual({
      id: "esc_1",
      status: "rejected",
      expiresAt: "2026-02-01T13:00:00.000Z",
      resolvedAt: "2026-02-01T12:05:00.000Z",
      finalizationReason: "rejected by bob",
    });
    expect(EscalationStatusResultSchema.parse(result)).toEqual(result);
    expect(EscalationCreateResultSchema.safeParse({ id: "esc_1", status: "pending" }).success).toBe(true);
    expect(EscalationCreateResultSchema.safeParse({ id: "", status: "pending" }).success).toBe(false);
  });
});

describe("escalation resolve", () => {
  it("accepts approve and reject with notes and an actor", () => {
    expect(EscalationResolveRequestSchema.safeParse({ action: "approve" }).success).toBe(true);
    expect(
      EscalationResolveRequestSchema.safeParse({ action: "reject", notes: "no", actor_id: "telegram:7" })
        .success,
    ).toBe(true);
    expect(
      EscalationResolveInputSchema.safeParse({ id: "esc_1", action: "approve", tenant: "acme" }).success,
    ).toBe(true);
  });

  it("refuses any other verdict", () => {
    expect(EscalationResolveRequestSchema.safeParse({ action: "approved" }).success).toBe(false);
    expect(EscalationResolveRequestSchema.safeParse({}).success).toBe(false);
    expect(EscalationResolveInputSchema.safeParse({ action: "approve" }).success).toBe(false);
  });
});
