import { describe, expect, it } from "vitest";
import {
  agentOf,
  factsOf,
  findingsOf,
  otherFieldsOf,
  otherMetadataOf,
  reasonOf,
  toolRefOf,
} from "./escalation-facts.js";
import type { EscalationRecord } from "./escalation-types.js";

/** An escalation as the control plane returns one the guard created (settle-escalation.ts). */
const GUARDED: EscalationRecord = {
  id: "esc_1",
  status: "pending",
  expires_at: "2026-01-01T12:05:00.000Z",
  created_at: "2026-01-01T12:00:00.000Z",
  resolved_at: null,
  finalization_reason: null,
  requester_status_message: "Waiting for an approver.",
  violation: "tool_not_in_allowlist",
  severity: "high",
  content: "Policy escalated mcp://files/delete@1.0 due to tool_not_in_allowlist.",
  rule_id: null,
  message: null,
  tool_ref: "mcp://files/delete@1.0",
  call_digest: "ab".repeat(32),
  node_id: "planner",
  agent_ref: "run-42",
  approval_strategy: "single_approver",
  min_approvals: 1,
  min_rejections: 1,
  required_roles: [],
  veto_roles: [],
  approvals: 0,
  rejections: 0,
  metadata: {
    source: "sec0",
    layer: "middleware",
    tool_ref: "mcp://files/delete@1.0",
    reasons: ["tool_not_in_allowlist"],
    trace_id: "trace-1",
    findings: [{ code: "pii.email", severity: "medium", message: "An email address." }],
    arguments: { path: "/reports/q3.txt", owner: "[REDACTED:pii.email]" },
    custom: { ticket: "OPS-1" },
  },
};

describe("factsOf", () => {
  it("lists the call, the agent and the approval rules in order", () => {
    expect(factsOf(GUARDED).map((fact) => `${fact.label}: ${fact.value}`)).toEqual([
      "Tool: mcp://files/delete@1.0",
      "Reason: tool_not_in_allowlist",
      "All reasons: tool_not_in_allowlist",
      "Severity: high",
      "Agent node: planner",
      "Agent run: run-42",
      "Summary: Policy escalated mcp://files/delete@1.0 due to tool_not_in_allowlist.",
      "Surface: middleware",
      "Source: sec0",
      "Trace: trace-1",
      `Call digest: ${"ab".repeat(32)}`,
      "Approval strategy: single_approver",
      "Approvals: 0 of 1 needed",
      "Rejections: 0 of 1 needed",
    ]);
  });

  it("falls back to the metadata when the record's member is empty", () => {
    const facts = factsOf({
      id: "esc_2",
      status: "pending",
      tool_ref: null,
      metadata: { tool_ref: "mcp://x@1", node_id: "n1", run_id: "r1", reason: "why" },
    });
    expect(facts.map((fact) => `${fact.label}: ${fact.value}`)).toEqual([
      "Tool: mcp://x@1",
      "Reason: why",
      "Agent node: n1",
      "Agent run: r1",
    ]);
  });

  it("counts without a strategy, and says how many are needed", () => {
    const facts = factsOf({ id: "e", status: "pending", approvals: 1, min_approvals: 2 });
    expect(facts).toEqual([{ label: "Approvals", value: "1 of 2 needed" }]);
  });
});

describe("the row helpers", () => {
  it("read the tool, reason and agent", () => {
    expect(toolRefOf(GUARDED)).toBe("mcp://files/delete@1.0");
    expect(reasonOf(GUARDED)).toBe("tool_not_in_allowlist");
    expect(agentOf(GUARDED)).toBe("planner · run-42");
    expect(agentOf({ id: "e", status: "pending", metadata: { run_id: "r" } })).toBe("r");
    expect(toolRefOf({ id: "e", status: "pending" })).toBeUndefined();
    expect(reasonOf({ id: "e", status: "pending", metadata: null })).toBeUndefined();
    expect(agentOf({ id: "e", status: "pending" })).toBeUndefined();
  });
});

describe("findingsOf", () => {
  it("reads the guard's findings", () => {
    expect(findingsOf(GUARDED)).toEqual([
      { code: "pii.email", severity: "medium", message: "An email address." },
    ]);
  });

  it("gives up on another shape", () => {
    expect(findingsOf({ id: "e", status: "pending", metadata: { findings: ["x"] } })).toBeUndefined();
    expect(findingsOf({ id: "e", status: "pending", metadata: {} })).toBeUndefined();
  });

  it("reads an empty list as no findings", () => {
    expect(findingsOf({ id: "e", status: "pending", metadata: { findings: [] } })).toEqual([]);
    expect(otherMetadataOf({ id: "e", status: "pending", metadata: { findings: [] } })).toEqual([]);
  });
});

describe("otherMetadataOf", () => {
  it("lists every member no other section shows", () => {
    expect(otherMetadataOf(GUARDED)).toEqual([
      { label: "custom", value: '{\n  "ticket": "OPS-1"\n}', block: true, code: true },
    ]);
  });

  it("keeps a metadata member that differs from the record's", () => {
    const other = otherMetadataOf({ id: "e", status: "pending", tool_ref: "a", metadata: { tool_ref: "b" } });
    expect(other).toEqual([{ label: "tool_ref", value: "b", block: false, code: true }]);
  });

  it("says an empty member is empty", () => {
    const other = otherMetadataOf({ id: "e", status: "pending", metadata: { tags: [], note: "" } });
    expect(other.map((fact) => fact.value)).toEqual(["(empty)", "(empty)"]);
  });

  it("keeps findings of another shape", () => {
    const other = otherMetadataOf({ id: "e", status: "pending", metadata: { findings: ["x"] } });
    expect(other.map((fact) => fact.label)).toEqual(["findings"]);
  });
});

describe("otherFieldsOf", () => {
  it("lists unknown members and never the approval token", () => {
    const other = otherFieldsOf({
      ...GUARDED,
      approval_token: "apt_secret",
      approval_token_expires_at: "2026-01-01T13:00:00.000Z",
      approval_set_id: "set-1",
    });
    expect(other).toEqual([{ label: "approval_set_id", value: "set-1", block: false, code: true }]);
  });
});
