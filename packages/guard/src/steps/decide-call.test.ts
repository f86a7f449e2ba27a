// The local decision and the remote runtime's, merged: a remote service (here a real HTTP server
// on 127.0.0.1 speaking POST /v1/runtime/evaluate) may add a deny but never lift a local one unless
// the policy says `enforcement.remote_may_override: true`; faults travel to it and into the local
// fallback, and deny in both.
import { createInlinePolicySource } from "@sec0/policy";
import {
  createFixedClock,
  createMemoryAuditSink,
  replyJson,
  startTestServer,
  type TestServer,
} from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDecisionEngine } from "../engine/create-decision-engine.js";
import type { EngineOptions } from "../engine/engine-options.js";
import type { GovernedCall } from "../engine/engine-types.js";
import { createRuntimeClient } from "../runtime/runtime-client.js";
import { resolveRuntimeConfig } from "../runtime/runtime-config.js";

let remote: TestServer;
beforeAll(async () => {
  remote = await startTestServer();
});
afterAll(async () => {
  await remote.close();
});

const basePolicy = {
  tenant: "acme",
  tools: { allowlist: ["mcp://files/read@*"] },
  enforcement: { deny_on: ["tool_not_in_allowlist"] },
};
const read: GovernedCall = { server: { name: "files", version: "1.0" }, tool: "read", args: {} };
const remove: GovernedCall = { ...read, tool: "delete" };
/** Agent-state headers that do not decode: the call carries the fault `agent_state_invalid`. */
const badAgentState: GovernedCall = { ...read, headers: { "x-node-id": "n1", "x-agent-state": "%%%" } };

const failingEvaluator: EngineOptions["contextualEvaluator"] = {
  evaluatorSource: "local",
  eligible: () => true,
  adapter: {
    evaluate: async () => {
      throw new Error("evaluator crashed");
    },
  },
};

function remoteAnswers(action: "allow" | "deny", reason?: string): void {
  remote.handle((_request, response) =>
    replyJson(response, 200, {
      protocolVersion: "2026-02-01",
      decision: {
        action,
        ...(reason === undefined ? {} : { reason }),
        reasons: reason === undefined ? [] : [reason],
        obligations: [],
        auditRefs: [],
      },
    }),
  );
}

function remoteIsDown(): void {
  remote.handle((_request, response) => {
    response.writeHead(503).end();
  });
}

function engineFor(policy: object = basePolicy, options: Partial<EngineOptions> = {}) {
  const sink = createMemoryAuditSink();
  const runtime = createRuntimeClient(
    resolveRuntimeConfig({
      mode: "remote",
      failureMode: "local",
      remote: { endpoint: `${remote.baseUrl}/v1/runtime/evaluate`, timeoutMs: 1000, maxRetries: 0 },
    }),
  );
  const engine = createDecisionEngine(
    {
      surface: "middleware",
      clock: createFixedClock(),
      telemetryEnabled: false,
      ...options,
      adapters: { runtime },
    },
    { policySource: createInlinePolicySource(policy), auditSink: sink },
  );
  return { engine, sink };
}

async function govern(call: GovernedCall, policy?: object, options?: Partial<EngineOptions>) {
  const { engine, sink } = engineFor(policy, options);
  const ran: string[] = [];
  const outcome = await engine.govern(call, async () => {
    ran.push(call.tool);
    return { ok: true };
  });
  await engine.close();
  return { outcome, ran, record: sink.records[0] as Record<string, unknown> | undefined };
}

describe("decideCall with a remote runtime (failureMode local)", () => {
  it.each([
    ["agent_state_invalid", badAgentState, {}],
    ["evaluation_error", read, { contextualEvaluator: failingEvaluator }],
  ] as const)("remote down + fault %s → denied, never run", async (fault, call, options) => {
    remoteIsDown();
    const { outcome, ran, record } = await govern(call, basePolicy, options);
    expect(ran).toEqual([]);
    expect(outcome).toMatchObject({ status: "refused", refusal: { decision: "deny", reason: fault } });
    if (outcome.status === "refused")
      expect(outcome.refusal.message).toMatch(/a check that could not be made/);
    expect(record).toMatchObject({ decision_reason: fault });
  });

  it("sends the faults to the remote in input.faults (an optional member of the protocol)", async () => {
    remoteIsDown();
    await govern(badAgentState);
    const sent = JSON.parse(remote.requests[0]?.body ?? "{}");
    expect(sent.input.faults).toEqual(["agent_state_invalid"]);
  });

  it("remote allow + fault → denied, even when the policy lets the remote override", async () => {
    remoteAnswers("allow");
    const override = { ...basePolicy, enforcement: { ...basePolicy.enforcement, remote_may_override: true } };
    const { outcome, ran } = await govern(badAgentState, override);
    expect(ran).toEqual([]);
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "agent_state_invalid" } });
  });

  it("remote allow + local deny → denied", async () => {
    remoteAnswers("allow");
    const { outcome, ran, record } = await govern(remove);
    expect(ran).toEqual([]);
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "tool_not_in_allowlist" } });
    expect(record).toMatchObject({ policy: { decision: "deny" }, decision_reason: "tool_not_in_allowlist" });
  });

  it("remote allow + local deny + enforcement.remote_may_override → allowed, and the override recorded", async () => {
    remoteAnswers("allow");
    const override = { ...basePolicy, enforcement: { ...basePolicy.enforcement, remote_may_override: true } };
    const { outcome, ran, record } = await govern(remove, override);
    expect(ran).toEqual(["delete"]);
    expect(outcome).toMatchObject({
      status: "ok",
      decision: { action: "allow", reason: "runtime_override" },
    });
    expect(record).toMatchObject({ policy: { decision: "allow" }, decision_reason: "runtime_override" });
    expect(record?.reasons).toEqual(expect.arrayContaining(["tool_not_in_allowlist", "runtime_override"]));
  });

  it("remote deny + local allow → denied", async () => {
    remoteAnswers("deny", "fs_violation");
    const { outcome, ran } = await govern(read);
    expect(ran).toEqual([]);
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "fs_violation" } });
    if (outcome.status === "refused") expect(outcome.refusal.message).toMatch(/remote runtime's decision/);
  });

  it("remote allow + local allow → allowed (the remote is still asked)", async () => {
    remoteAnswers("allow");
    const { outcome, ran } = await govern(read);
    expect(ran).toEqual(["read"]);
    expect(outcome).toMatchObject({ status: "ok" });
    expect(remote.requests).toHaveLength(1);
  });
});
