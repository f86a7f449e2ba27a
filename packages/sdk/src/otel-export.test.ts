import { createInlinePolicySource } from "@sec0/policy";
import { createMemoryAuditSink, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolGovernor } from "./middleware.js";

const policy = {
  tenant: "acme",
  tools: { allowlist: ["*"] },
  enforcement: { deny_on: ["tool_not_in_allowlist"] },
};
const call = { server: { name: "files", version: "1.0.0" }, tool: "read", args: { path: "/a" } };

describe("OpenTelemetry export", () => {
  let collector: TestServer;
  beforeAll(async () => {
    collector = await startTestServer();
  });
  afterAll(async () => {
    await collector.close();
  });

  it("exports one span per governed call to the configured OTLP/HTTP endpoint", async () => {
    collector.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const governor = createToolGovernor(
      {
        policy,
        otel: { endpoint: `${collector.baseUrl}/v1/traces`, serviceName: "files-server", tenant: "acme" },
      },
      { policySource: createInlinePolicySource(policy), auditSink: createMemoryAuditSink() },
    );
    const outcome = await governor.govern(call, async () => ({ ok: true }));
    expect(outcome.status).toBe("ok");
    await governor.close(); // flushes the batch
    const exported = collector.requests.filter((request) => request.url === "/v1/traces");
    expect(exported.length).toBeGreaterThan(0);
    const body = exported.map((request) => request.body).join("");
    expect(body).toContain("files-server");
    expect(body).toContain("mcp.tool");
  });

  it("never changes a decision when the collector is down", async () => {
    const governor = createToolGovernor(
      { policy, otel: { endpoint: "http://127.0.0.1:9/v1/traces" } },
      { policySource: createInlinePolicySource(policy), auditSink: createMemoryAuditSink() },
    );
    expect((await governor.govern(call, async () => ({ ok: true }))).status).toBe("ok");
    expect(
      (await governor.govern({ ...call, server: { name: "other" } }, async () => ({ ok: true }))).status,
    ).toBe("ok");
    await governor.close();
  });
});
