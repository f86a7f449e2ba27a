// The escalation manager against a control-plane stand-in on 127.0.0.1 that speaks the real
// escalation and approval-verification wire format.
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, INJECTION } from "./__fixtures__/openclaw-fixtures.js";
import { createMoltbotEscalationManager } from "./create-moltbot-escalation-manager.js";
import { createMoltbotHooks } from "./create-moltbot-hooks.js";
import type { MoltbotEscalationManagerOptions } from "./moltbot-escalation-types.js";

const KEY = "sec0_test_openclaw_escalations_1";
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
});

/** The stand-in: creates `esc_1`, answers reads with `status`, verifies tokens as `valid`. */
function controlPlane(status: "pending" | "approved" | "rejected" | "expired", valid = true) {
  server.handle((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (request.method === "POST" && path === "/api/escalations")
      return replyJson(response, 201, { escalation: { id: "esc_1", status: "pending" } });
    if (request.method === "GET" && path === "/api/escalations/esc_1") {
      const token = status === "approved" ? { approval_token: "apt_once" } : {};
      return replyJson(response, 200, { escalation: { id: "esc_1", status, ...token } });
    }
    if (request.method === "POST" && path === "/api/compliance/approvals/verify")
      return replyJson(
        response,
        200,
        valid ? { valid: true, approval: { id: "esc_1" } } : { valid: false, invalid_reason: "already_used" },
      );
    return replyJson(response, 404, { error: "not found" });
  });
}

function manager(options: Partial<MoltbotEscalationManagerOptions> = {}) {
  return createMoltbotEscalationManager({
    escalationMode: "human",
    apiKey: KEY,
    controlPlaneUrl: server.baseUrl,
    timeoutMs: 1000,
    pollIntervalMs: 200,
    ...options,
  });
}

const gate = {
  escalate: true,
  escalationDetails: { violation: "agent_guard_failed", toolRef: "openclaw:message:telegram:bob" },
};

describe("createMoltbotEscalationManager", () => {
  it("creates an escalation and allows once a human approved and the token verifies", async () => {
    controlPlane("approved");
    const result = await manager().handle({ gateResult: gate, content: "pay invoice 42", agentRef: "s1" });
    expect(result).toMatchObject({ allow: true, status: "approved", escalationId: "esc_1" });
    const create = server.requests.find((r) => r.method === "POST" && r.url.startsWith("/api/escalations"));
    expect(JSON.parse(create?.body ?? "{}")).toMatchObject({
      content: "pay invoice 42",
      violation: "agent_guard_failed",
      agent_ref: "s1",
      tool_ref: "openclaw:message:telegram:bob",
    });
    const verify = server.requests.find((r) => r.url === "/api/compliance/approvals/verify");
    expect(JSON.parse(verify?.body ?? "{}")).toMatchObject({ token: "apt_once" });
  });

  it("refuses an approval whose token the control plane does not verify", async () => {
    controlPlane("approved", false);
    const result = await manager().handle({ gateResult: gate, content: "pay invoice 42" });
    expect(result).toMatchObject({ allow: false, status: "blocked" });
    expect(result.errorMessage).toContain("already_used");
  });

  it("does not allow a rejected escalation", async () => {
    controlPlane("rejected");
    expect(await manager().handle({ gateResult: gate, content: "x" })).toMatchObject({
      allow: false,
      status: "rejected",
    });
  });

  it("times out without allowing when nobody decides", async () => {
    controlPlane("pending");
    const result = await manager({ timeoutMs: 300 }).handle({ gateResult: gate, content: "x" });
    expect(result).toMatchObject({ allow: false, status: "timeout", escalationId: "esc_1" });
  });

  it("answers pending at once without waiting, and create_failed when the control plane refuses", async () => {
    controlPlane("pending");
    expect(
      await manager({ waitForResolution: false }).handle({ gateResult: gate, content: "x" }),
    ).toMatchObject({
      allow: false,
      status: "pending",
    });
    server.handle((_request, response) => replyJson(response, 500, { error: "down" }));
    expect(await manager({ maxRetries: 0 }).handle({ gateResult: gate, content: "x" })).toMatchObject({
      allow: false,
      status: "create_failed",
    });
  });

  it("settles without the control plane in the automatic modes", async () => {
    const auto = (escalationMode: MoltbotEscalationManagerOptions["escalationMode"]) =>
      createMoltbotEscalationManager({ escalationMode }).handle({ gateResult: gate, content: "x" });
    expect(await auto("auto-approve")).toMatchObject({ allow: true, status: "approved" });
    expect(await auto("auto-reject")).toMatchObject({ allow: false, status: "rejected" });
    expect(await auto("off")).toMatchObject({ allow: false, status: "rejected" });
    const none = createMoltbotEscalationManager({ escalationMode: "off" });
    expect(await none.handle({ content: "x" })).toEqual({ allow: true, status: "allow" });
    expect(await none.handle({ gateResult: { cancel: true }, content: "x" })).toMatchObject({
      allow: false,
      status: "blocked",
    });
    expect(server.requests).toEqual([]);
  });

  it("refuses bad options with SDK_OPENCLAW_CONFIG_INVALID naming them", () => {
    expect(() => createMoltbotEscalationManager({ escalationMode: "maybe" as "off" })).toThrow(
      /escalationMode/,
    );
    expect(() => createMoltbotEscalationManager({ escalationMode: "human" })).toThrow(/apiKey/);
    expect(() => createMoltbotEscalationManager({ escalationMode: "off", timeoutMs: -1 })).toThrow(
      /timeoutMs/,
    );
  });

  it("cancels an outbound message whose escalation outlasts the hook's deadline", async () => {
    const workspace = createWorkspace("deadline");
    const policyYaml =
      'tenant: acme\ntools:\n  allowlist: ["*"]\nagent_guard:\n  enabled: true\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n  escalate_on: [agent_guard_failed]\n';
    const stuck = { mode: "human" as const, maxWaitMs: 0, handle: () => new Promise<never>(() => {}) };
    const hooks = createMoltbotHooks(
      workspace.config({ policyPath: undefined, policyYaml, escalation: stuck, decisionTimeoutMs: 50 }),
    );
    try {
      const answer = await hooks.messageSending?.(
        { to: "bob", content: INJECTION },
        { channelId: "telegram" },
      );
      expect(answer).toMatchObject({ cancel: true });
      expect(answer?.cancelReason).toContain("decision_timeout");
    } finally {
      await hooks.close();
      workspace.cleanup();
    }
  });

  it("escalates an outbound message the policy lists in escalate_on, from the hooks", async () => {
    const workspace = createWorkspace("escalation");
    const policyYaml =
      'tenant: acme\ntools:\n  allowlist: ["*"]\nagent_guard:\n  enabled: true\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n  escalate_on: [agent_guard_failed]\n';
    const run = async (status: "approved" | "rejected") => {
      controlPlane(status);
      const hooks = createMoltbotHooks(
        workspace.config({ policyPath: undefined, policyYaml, escalation: manager() }),
      );
      try {
        return await hooks.messageSending?.(
          { to: "bob", content: INJECTION },
          { channelId: "telegram", sessionKey: "s1" },
        );
      } finally {
        await hooks.close();
      }
    };
    try {
      expect(await run("approved")).toBeUndefined();
      expect(await run("rejected")).toMatchObject({ cancel: true });
    } finally {
      workspace.cleanup();
    }
  });
});
