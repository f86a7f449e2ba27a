// Regression: the policy of a call is resolved for the node that makes it. The governor used to ask
// the policy source before it had read the agent-state headers, so a call from node "planner" was
// audited as planner but decided with the base policy, and `scope: agent` / `auto` policies from
// the control plane were never applied.
import { NODE_ID_HEADER } from "@sec0/core";
import { createMemoryAuditSink, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGovernorFromOptions, createToolGovernor } from "./index.js";

const BASE =
  'tenant: acme\ntools:\n  allowlist: ["mcp://files/read@1.0"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n';
// The planner may also write; every other node may only read.
const PLANNER = 'tools:\n  allowlist: ["mcp://files/read@1.0", "mcp://files/write@1.0"]\n';

const write = (headers?: Record<string, string>) => ({
  server: { name: "files", version: "1.0" },
  tool: "write",
  args: { path: "/a" },
  ...(headers === undefined ? {} : { headers }),
});

describe("per-agent policy", () => {
  let controlPlane: TestServer;
  beforeAll(async () => {
    controlPlane = await startTestServer();
  });
  afterAll(async () => {
    await controlPlane.close();
  });
  beforeEach(() => {
    controlPlane.requests.length = 0;
    controlPlane.handle((request, response) => {
      const url = new URL(request.url, "http://127.0.0.1");
      const nodeId = url.searchParams.get("nodeId");
      response.writeHead(200, { "content-type": "application/yaml" });
      response.end(nodeId === null ? BASE : nodeId === "planner" ? PLANNER : "");
    });
  });

  it("decides a call from node planner with planner's control-plane policy (scope auto)", async () => {
    const sink = createMemoryAuditSink();
    const governor = createGovernorFromOptions({
      policy: { source: "control-plane", tenant: "acme", scope: "auto" },
      controlPlaneUrl: controlPlane.baseUrl,
      auth: { apiKey: "test-key" },
      adapters: { auditSink: sink },
    });
    const planner = await governor.govern(write({ [NODE_ID_HEADER]: "planner" }), async () => "ok");
    const other = await governor.govern(write({ [NODE_ID_HEADER]: "reviewer" }), async () => "ok");
    const anonymous = await governor.govern(write(), async () => "ok");
    await governor.close();

    expect(planner.status).toBe("ok");
    expect(other.status).toBe("refused");
    expect(anonymous.status).toBe("refused");
    expect(controlPlane.requests.some((r) => r.url.includes("nodeId=planner"))).toBe(true);
    expect(
      sink.records.map((record) => [record.nodeId, (record.policy as { decision: string }).decision]),
    ).toEqual([
      ["planner", "allow"],
      ["reviewer", "deny"],
      [undefined, "deny"],
    ]);
  });

  it("passes the caller's nodeId to any policy source, also through MCP _meta", async () => {
    const asked: (string | undefined)[] = [];
    const base = { tenant: "acme", tools: { allowlist: ["*"] }, enforcement: { deny_on: [] } };
    const { createInlinePolicySource } = await import("@sec0/policy");
    const inline = createInlinePolicySource(base);
    const governor = createToolGovernor(
      { policy: base },
      {
        policySource: {
          get: (request) => {
            asked.push(request?.nodeId);
            return inline.get(request);
          },
          close: () => inline.close(),
        },
        auditSink: createMemoryAuditSink(),
      },
    );
    await governor.govern({ ...write(), meta: { [NODE_ID_HEADER]: "planner" } }, async () => "ok");
    await governor.govern(write(), async () => "ok");
    await governor.close();
    expect(asked).toEqual(["planner", undefined]);
  });
});
