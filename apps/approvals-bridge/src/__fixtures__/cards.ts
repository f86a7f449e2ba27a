import type { EscalationCard } from "../platforms/platform.js";

/** A pending card with every field set (HTML, Markdown and quote characters included); `overrides` replace fields. */
export function pendingCard(overrides: Partial<EscalationCard> = {}): EscalationCard {
  return {
    escalationId: "esc_01HZX3K9",
    tenantId: "acme",
    status: "pending",
    violation: "tool_not_allowed",
    severity: "high",
    content: 'rm -rf /var/lib/data --force && echo "<done>"',
    toolRef: "mcp://shell/exec@1.0",
    argsDigest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    reasons: ["command matches destructive pattern", "path < /var is protected"],
    nodeId: "node-7",
    agentRef: "run-42",
    ruleId: "deny-rm",
    message: "Agent wants to delete data.",
    expiresAt: "2030-01-02T03:04:05+02:00",
    approvals: 1,
    rejections: 0,
    minApprovals: 2,
    ...overrides,
  };
}
