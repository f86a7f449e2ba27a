// What a refusal says about what was checked: the tool reference, and the allowlist entry that
// matched, the nearest one when none did, or the rule that denied.
import { createInlinePolicySource } from "@sec0/policy";
import { createFixedClock, createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createDecisionEngine } from "./create-decision-engine.js";
import type { GovernedCall, Refusal } from "./engine-types.js";

async function refusalFor(policy: Record<string, unknown>, call: GovernedCall): Promise<Refusal> {
  const engine = createDecisionEngine(
    { surface: "middleware", clock: createFixedClock() },
    {
      policySource: createInlinePolicySource({ tenant: "acme", ...policy }),
      auditSink: createMemoryAuditSink(),
    },
  );
  const outcome = await engine.govern(call, async () => "ran");
  await engine.close();
  if (outcome.status !== "refused") throw new Error(`expected a refusal, got ${outcome.status}`);
  return outcome.refusal;
}

const files = (tool: string, args: Record<string, unknown> = {}): GovernedCall => ({
  server: { name: "files", version: "1.0" },
  tool,
  args,
});

describe("a refusal names what was checked", () => {
  it("names the reference and the closest allowlist entry when nothing matched", async () => {
    const refusal = await refusalFor(
      {
        tools: { allowlist: ["mcp://db/delete@1.0", "mcp://files/read@*"] },
        enforcement: { deny_on: ["tool_not_in_allowlist"] },
      },
      files("delete"),
    );
    expect(refusal.reason).toBe("tool_not_in_allowlist");
    expect(refusal.message).toBe(
      "The call was refused: `mcp://files/delete@1.0` matches no allowlist entry; closest: " +
        "`mcp://files/read@*`. Rule: enforcement.deny_on lists tool_not_in_allowlist.",
    );
  });

  it("says so when the allowlist is empty", async () => {
    const refusal = await refusalFor(
      { tools: { allowlist: [] }, enforcement: { deny_on: ["tool_not_in_allowlist"] } },
      files("delete"),
    );
    expect(refusal.message).toBe(
      "The call was refused: `mcp://files/delete@1.0` matches no allowlist entry; the allowlist " +
        "(tools.allowlist) is empty. Rule: enforcement.deny_on lists tool_not_in_allowlist.",
    );
  });

  it("shows the encoded spelling when the closest entry wrote a `/` of the server name as is", async () => {
    const refusal = await refusalFor(
      {
        tools: { allowlist: ["mcp://mcp-servers/everything/echo@*"] },
        enforcement: { deny_on: ["tool_not_in_allowlist"] },
      },
      { server: { name: "mcp-servers/everything", version: "2.0.0" }, tool: "echo", args: {} },
    );
    expect(refusal.message).toBe(
      "The call was refused: `mcp://mcp-servers%2Feverything/echo@2.0.0` matches no allowlist " +
        "entry; closest: `mcp://mcp-servers/everything/echo@*`, which names server `mcp-servers`: " +
        "write `mcp://mcp-servers%2Feverything/echo@*`. Rule: enforcement.deny_on lists tool_not_in_allowlist.",
    );
  });

  it("names the allowlist entry that matched and the deny_on rule that denied", async () => {
    const refusal = await refusalFor(
      {
        tools: { allowlist: ["mcp://files/*"] },
        security: { limits: { max_payload_kb: 1 } },
        enforcement: { deny_on: ["tool_not_in_allowlist", "payload_too_large"] },
      },
      files("write", { text: "x".repeat(2048) }),
    );
    expect(refusal.reason).toBe("payload_too_large");
    expect(refusal.message).toBe(
      "The call was refused: The call's arguments exceed security.limits.max_payload_kb. " +
        "`mcp://files/write@1.0` matched allowlist entry `mcp://files/*`. " +
        "Rule: enforcement.deny_on lists payload_too_large.",
    );
  });

  it("names a deny_on alias or group by the name the policy wrote", async () => {
    const refusal = await refusalFor(
      {
        tools: { allowlist: ["mcp://files/*"] },
        side_effects: { require_idempotency_key: true },
        enforcement: { deny_on: ["idempotency_missing"] },
      },
      files("write_file", { path: "/tmp/a" }),
    );
    expect(refusal.reason).toBe("missing_idempotency_for_side_effect");
    expect(refusal.message).toContain(
      "Rule: enforcement.deny_on lists idempotency_missing (missing_idempotency_for_side_effect).",
    );
  });

  it("names the escalate_on rule when no escalation channel exists", async () => {
    const refusal = await refusalFor(
      { tools: { allowlist: ["mcp://files/read"] }, enforcement: { escalate_on: ["tool_not_in_allowlist"] } },
      files("delete"),
    );
    expect(refusal.message).toBe(
      "The call was refused: `mcp://files/delete@1.0` matches no allowlist entry; closest: " +
        "`mcp://files/read`. It needs a human decision, but no escalation channel is configured. " +
        "Rule: enforcement.escalate_on lists tool_not_in_allowlist.",
    );
  });
});
