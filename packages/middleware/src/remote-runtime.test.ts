// The governor with remote runtime decisions (hosted preset), against a local server that speaks
// POST /v1/runtime/evaluate (protocol 2026-02-01).
import { createInlinePolicySource } from "@sec0/policy";
import { createMemoryAuditSink, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolGovernor } from "./create-tool-governor.js";
import { createHostedSec0Preset } from "./presets.js";

const policy = {
  tenant: "acme",
  tools: { allowlist: ["mcp://files/read@1.0"] },
  enforcement: { deny_on: [] },
};
const call = { server: { name: "files", version: "1.0" }, tool: "delete", args: {} };

describe("remote runtime decisions in the pipeline", () => {
  let runtime: TestServer;
  beforeAll(async () => {
    runtime = await startTestServer();
  });
  afterAll(async () => {
    await runtime.close();
  });

  function governorFor(failureMode: "local" | "allow" | "deny") {
    const options = createHostedSec0Preset({
      policy,
      telemetry: { enabled: false },
      env: {},
      runtime: {
        enforcement: {
          mode: "remote",
          failureMode,
          remote: { endpoint: `${runtime.baseUrl}/v1/runtime/evaluate`, timeoutMs: 500, maxRetries: 0 },
        },
      },
    });
    return createToolGovernor(options, {
      policySource: createInlinePolicySource(policy),
      auditSink: createMemoryAuditSink(),
    });
  }

  it("lets the remote service decide, sending the reasons it found", async () => {
    runtime.handle((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          protocolVersion: "2026-02-01",
          decision: {
            action: "deny",
            reason: "tool_not_in_allowlist",
            reasons: ["tool_not_in_allowlist"],
            obligations: [],
            auditRefs: [],
          },
        }),
      );
    });
    // Locally this policy only observes; the remote service enforces.
    const outcome = await governorFor("local").govern(call, async () => ({}));
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "tool_not_in_allowlist" } });
    const sent = JSON.parse(runtime.requests[0]?.body ?? "{}");
    expect(sent).toMatchObject({
      protocolVersion: "2026-02-01",
      context: { executionLayer: "middleware", server: "files" },
    });
    expect(sent.input.reasons).toContain("tool_not_in_allowlist");
  });

  it("applies the failure mode when the service is down", async () => {
    runtime.handle((_request, response) => {
      response.writeHead(503).end();
    });
    expect((await governorFor("deny").govern(call, async () => ({}))).status).toBe("refused");
    expect((await governorFor("local").govern(call, async () => ({}))).status).toBe("ok"); // local: observe
  });
});
