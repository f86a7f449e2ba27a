import type { AgentGuardPolicy } from "@sec0/core";
import { compilePolicy, type Policy, resolveAgentGuard } from "@sec0/policy";
import { createFixedClock, createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createGovernorFromOptions } from "./create-governor.js";

// Regression: `agentGuard: { block_on_severity: "high" }` in the options did not stop a medium
// e-mail finding from blocking, because the policy resolver's default `block_on_count: 1` (0.2.3's
// rule for `deny_on: [agent_guard_failed]` without a threshold) was merged in as if written.
// The precedence is per field: options > policy (`agent_guard` > `enforcement.agent_guard`) >
// defaults, and the defaults are filled in only after the merge.

interface Row {
  readonly options: AgentGuardPolicy | undefined;
  readonly policy: Pick<Policy, "agent_guard" | "enforcement">;
  readonly severity: string;
  readonly count: number | undefined;
  readonly blocks: boolean;
}

const DENY = { deny_on: ["agent_guard_failed"] };
const ON = { enabled: true } as const;

const ROWS: Record<string, Row> = {
  "options severity high, policy sets no threshold": {
    options: { block_on_severity: "high" },
    policy: { agent_guard: ON, enforcement: DENY },
    severity: "high",
    count: undefined,
    blocks: false,
  },
  "no threshold anywhere: 0.2.3's one-finding default": {
    options: undefined,
    policy: { agent_guard: ON, enforcement: DENY },
    severity: "high",
    count: 1,
    blocks: true,
  },
  "policy severity high": {
    options: undefined,
    policy: { agent_guard: { ...ON, block_on_severity: "high" }, enforcement: DENY },
    severity: "high",
    count: undefined,
    blocks: false,
  },
  "options severity medium over policy critical": {
    options: { block_on_severity: "medium" },
    policy: { agent_guard: { ...ON, block_on_severity: "critical" }, enforcement: DENY },
    severity: "medium",
    count: undefined,
    blocks: true,
  },
  "options count 2, policy severity medium: both kept": {
    options: { block_on_count: 2 },
    policy: { agent_guard: { ...ON, block_on_severity: "medium" }, enforcement: DENY },
    severity: "medium",
    count: 2,
    blocks: true,
  },
  "options severity critical, policy count 1: both kept": {
    options: { block_on_severity: "critical" },
    policy: { agent_guard: { ...ON, block_on_count: 1 }, enforcement: DENY },
    severity: "critical",
    count: 1,
    blocks: true,
  },
  "policy count 3 only: default severity": {
    options: undefined,
    policy: { agent_guard: { ...ON, block_on_count: 3 }, enforcement: DENY },
    severity: "high",
    count: 3,
    blocks: false,
  },
  "an option set to undefined is not a value": {
    options: { block_on_severity: undefined },
    policy: { agent_guard: { ...ON, block_on_severity: "medium" }, enforcement: DENY },
    severity: "medium",
    count: undefined,
    blocks: true,
  },
  "options enable the guard, policy has no section": {
    options: { enabled: true },
    policy: { enforcement: DENY },
    severity: "high",
    count: 1,
    blocks: true,
  },
  "enforcement.agent_guard threshold, agent_guard enables": {
    options: undefined,
    policy: { agent_guard: ON, enforcement: { ...DENY, agent_guard: { block_on_severity: "medium" } } },
    severity: "medium",
    count: undefined,
    blocks: true,
  },
  "options severity high, deny_on without agent_guard_failed": {
    options: { block_on_severity: "high" },
    policy: { agent_guard: ON, enforcement: { deny_on: ["tool_not_in_allowlist"] } },
    severity: "high",
    count: undefined,
    blocks: false,
  },
};

describe("Agent Guard thresholds: options > policy > defaults, per field", () => {
  it.each(Object.entries(ROWS))("%s", async (_name, row) => {
    const policy: Policy = { tenant: "acme", ...row.policy };
    const sink = createMemoryAuditSink();
    const governor = createGovernorFromOptions({
      policy,
      clock: createFixedClock(),
      ...(row.options === undefined ? {} : { agentGuard: row.options }),
      adapters: { auditSink: sink },
    });
    const outcome = await governor.govern(
      { server: { name: "mail" }, tool: "send", args: { to: "jane@corp.com" } },
      async () => "sent",
    );
    await governor.close();
    const effective = resolveAgentGuard(policy, compilePolicy(policy).denyOn, row.options);

    // The e-mail address is one medium `pii` finding on every row; only the thresholds differ.
    expect(sink.records[0]?.agent_guard_findings).toEqual([
      expect.objectContaining({ code: "agent_pii", severity: "medium" }),
    ]);
    expect({
      severity: effective.blockOnSeverity,
      count: effective.blockOnCount,
      blocks: outcome.status === "refused" && outcome.refusal.reason === "agent_guard_failed",
    }).toEqual({ severity: row.severity, count: row.count, blocks: row.blocks });
  });

  it("scans the input when the option turns on what the policy turned off", async () => {
    const sink = createMemoryAuditSink();
    const governor = createGovernorFromOptions({
      policy: { tenant: "acme", agent_guard: { ...ON, scan_inputs: false }, enforcement: DENY },
      clock: createFixedClock(),
      agentGuard: { scan_inputs: true },
      adapters: { auditSink: sink },
    });
    const outcome = await governor.govern(
      { server: { name: "mail" }, tool: "send", args: { to: "jane@corp.com" } },
      async () => "sent",
    );
    await governor.close();

    expect(outcome.status === "refused" ? outcome.refusal.reason : "ran").toBe("agent_guard_failed");
  });
});
