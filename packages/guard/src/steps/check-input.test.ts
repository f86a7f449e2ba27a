// The engine hands the tool's listed input schema to the policy's egress and filesystem checks:
// an argument the schema declares as a URI is a target whatever its name or shape.
import { createInlinePolicySource } from "@sec0/policy";
import { createFixedClock, createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createDecisionEngine } from "../engine/create-decision-engine.js";
import type { GovernedCall, ToolDefinition } from "../engine/engine-types.js";

const policy = {
  tenant: "acme",
  enforcement: { deny_on: ["egress_violation", "fs_violation"] },
  security: { egress_allowlist: ["api.example.com"], fs_allowlist: ["/data"] },
};

const configure: ToolDefinition = {
  name: "configure",
  inputSchema: {
    type: "object",
    properties: { sink: { type: "string", format: "uri-reference" }, note: { type: "string" } },
  },
};

async function govern(call: GovernedCall) {
  const sink = createMemoryAuditSink();
  const engine = createDecisionEngine(
    { surface: "middleware", clock: createFixedClock(), telemetryEnabled: false },
    { policySource: createInlinePolicySource(policy), auditSink: sink },
  );
  const outcome = await engine.govern(call, async () => "ran");
  await engine.close();
  return { outcome, record: sink.records[0] as Record<string, unknown> | undefined };
}

const server = { name: "cfg", version: "1.0" };

describe("checkInput: targets from the tool's input schema", () => {
  it("refuses a scheme-relative URL the schema declares as a URI reference", async () => {
    const { outcome, record } = await govern({
      server,
      tool: "configure",
      args: { sink: "//evil.net/collect" },
      definition: configure,
    });
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "egress_violation" } });
    expect(record).toMatchObject({ decision_reason: "egress_violation", denial_type: "rasp" });
  });

  it("lets a declared plain string hold a URL (it is data, not a target) and allows an allowed sink", async () => {
    const { outcome } = await govern({
      server,
      tool: "configure",
      args: { sink: "//api.example.com/in", note: "https://evil.net" },
      definition: configure,
    });
    expect(outcome).toMatchObject({ status: "ok", result: "ran" });
  });

  it("uses the schema the server listed in tools/list when the call carries none", async () => {
    const sink = createMemoryAuditSink();
    const engine = createDecisionEngine(
      { surface: "middleware", clock: createFixedClock(), telemetryEnabled: false },
      { policySource: createInlinePolicySource(policy), auditSink: sink },
    );
    await engine.filterToolList(server, [configure]);
    const outcome = await engine.govern(
      { server, tool: "configure", args: { sink: "//evil.net/collect" } },
      async () => "ran",
    );
    await engine.close();
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "egress_violation" } });
  });

  it("finds move_file's destination through the engine", async () => {
    const { outcome } = await govern({
      server: { name: "files", version: "1.0" },
      tool: "move_file",
      args: { source: "/data/a.txt", destination: "/etc/cron.d/evil" },
    });
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "fs_violation" } });
  });
});
