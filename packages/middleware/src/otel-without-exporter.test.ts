// @sec0/middleware uses the OpenTelemetry API only: without a trace exporter wired (sec0-sdk wires
// one), `otel.endpoint` is reported once, and decisions are unchanged.
import { createInlinePolicySource } from "@sec0/policy";
import { createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createToolGovernor } from "./create-tool-governor.js";

const policy = {
  tenant: "acme",
  tools: { allowlist: ["*"] },
  enforcement: { deny_on: ["tool_not_in_allowlist"] },
};

describe("otel.endpoint without a trace exporter", () => {
  it("warns naming the fix and still decides", async () => {
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (_fields: unknown, message: string) => warnings.push(message),
      error: () => undefined,
    };
    const governor = createToolGovernor(
      { policy, logger, otel: { endpoint: "http://127.0.0.1:9/v1/traces" } },
      { policySource: createInlinePolicySource(policy), auditSink: createMemoryAuditSink() },
    );
    const outcome = await governor.govern(
      { server: { name: "files", version: "1.0" }, tool: "read", args: {} },
      async () => "ok",
    );
    await governor.close();
    expect(outcome.status).toBe("ok");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("adapters.traceExporter");
  });
});
