// Hop decisions with the control plane's policy (stand-in on 127.0.0.1): the hop's own lists
// override, a deny happens before the function runs, an escalation waits for a human, sync
// methods never wait, async generators decide at their first step.
import { isSec0Error, type Sec0Error } from "@sec0/core";
import { createMemoryAuditSink, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetSec0AppForTests } from "../../config/index.js";
import { sec0 } from "../../decorators/index.js";
import { initTestApp } from "../__fixtures__/test-app.js";
import {
  basePolicyRequests,
  controlPlaneHandler,
  initControlPlaneApp,
  policyYaml,
  type StandIn,
} from "./__fixtures__/control-plane-app.js";
import { warmHopPolicy } from "./warm-hop-policy.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => resetSec0AppForTests());

const sink = createMemoryAuditSink();
const options = { auditSink: sink };
const BAD_STATE = { agentState: { nodeId: "someone-else" } };
const DENY = policyYaml({ denyOn: ["agent_state_invalid"], retention: "30d" });
const ESCALATE = policyYaml({ escalateOn: ["agent_state_invalid"] });

function app(standIn: StandIn, controlPlane: Record<string, unknown> = {}) {
  server.handle(controlPlaneHandler(standIn));
  const profile = initControlPlaneApp(server.baseUrl, controlPlane);
  sink.clear();
  return profile;
}

async function rejection(promise: Promise<unknown>): Promise<Sec0Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSec0Error(error)) throw new Error(`expected a Sec0Error, got ${String(error)}`);
  return error;
}

function escalations() {
  return server.requests.filter((r) => r.method === "POST" && r.url.startsWith("/api/escalations"));
}

describe("hops with a control-plane policy", () => {
  it("deny with the policy's deny_on before the function runs, naming the policy hash", async () => {
    app({ policy: DENY });
    let ran = 0;
    const run = sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => ++ran, options);
    const error = await rejection(run(BAD_STATE, "x"));
    expect(ran).toBe(0);
    expect(error.code).toBe("POLICY_DENIED");
    expect(error.details).toMatchObject({
      denial_reason: "agent_state_invalid",
      denial_level: "decorator",
      reasons: ["agent_state_invalid"],
      policy_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sink.records[0]).toMatchObject({
      status: "error",
      policy: { decision: "deny" },
      error_code: "POLICY_DENIED",
      policy_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A cached policy refuses an async call by a rejection too, never by a throw at the call.
    const second = run(BAD_STATE, "x");
    expect(second).toBeInstanceOf(Promise);
    await expect(second).rejects.toMatchObject({ code: "POLICY_DENIED" });
  });

  it("the hop's own deny_on / escalate_on override the policy's lists", async () => {
    app({ policy: policyYaml({ denyOn: ["agent_state_invalid"], escalateOn: [] }) });
    const own = sec0.wrap.agent("Own.run", async (_ctx: object, _input: string) => "ran", options); // deny_on: [] in its config
    await expect(own(BAD_STATE, "x")).resolves.toBe("ran");
    app({ policy: ESCALATE });
    const ownDeny = sec0.wrap.agent("OwnDeny.run", async (_ctx: object, _input: string) => "ran", options);
    await expect(ownDeny(BAD_STATE, "x")).rejects.toMatchObject({
      details: { denial_reason: "agent_state_invalid" },
    });
    expect(escalations()).toHaveLength(0); // its escalate_on: [] replaced the policy's
  });

  it("escalate through the control plane; approved: the function runs", async () => {
    app({ policy: ESCALATE, verdict: "approved" }, { escalation: { timeoutMs: 5000, ttlSeconds: 120 } });
    let ran = 0;
    const run = sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => ++ran, options);
    await expect(run(BAD_STATE, "x")).resolves.toBe(1);
    const [created] = escalations();
    const body = JSON.parse(created?.body ?? "{}");
    expect(body).toMatchObject({
      violation: "agent_state_invalid",
      node_id: "planner",
      tool_ref: "hop:agent:Planner.run",
      call_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      ttl_seconds: 120,
      timeout_action: "auto_reject",
      metadata: {
        layer: "instrumentation",
        hop: "Planner.run",
        policy_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        reasons: ["agent_state_invalid"],
      },
    });
    expect(sink.records[0]).toMatchObject({
      status: "ok",
      policy: { decision: "allow" },
      decision_reason: "agent_state_invalid",
      policy_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      escalation_id: "esc_7",
      escalation_status: "approved",
    });
  });

  it("an approval counts only with a token verified for this call, once", async () => {
    app({ policy: ESCALATE, verdict: "approved" });
    let ran = 0;
    const run = sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => ++ran, options);
    await expect(run(BAD_STATE, "x")).resolves.toBe(1);
    const verify = server.requests.filter((r) => r.url === "/api/compliance/approvals/verify");
    expect(JSON.parse(verify[0]?.body ?? "{}")).toMatchObject({
      token: "apt_1",
      context: { tool_ref: "hop:agent:Planner.run", node_id: "planner" },
    });
    // The same token again (the stand-in replays it): already used, so the hop does not run.
    const replayed = await rejection(run(BAD_STATE, "x"));
    expect(replayed.details).toMatchObject({ escalation_status: "unverified" });
    app({ policy: ESCALATE, verdict: "approved", approvalToken: null });
    const tokenless = await rejection(
      sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => ++ran, options)(BAD_STATE, "x"),
    );
    expect(tokenless.details).toMatchObject({ escalation_id: "esc_7", escalation_status: "unverified" });
    expect(ran).toBe(1);
  });

  it.each(["rejected", "expired"] as const)(
    "escalate; %s: POLICY_DENIED with the escalation",
    async (verdict) => {
      app({ policy: ESCALATE, verdict });
      let ran = 0;
      const error = await rejection(
        sec0.wrap.agent(
          "Planner.run",
          async (_ctx: object, _input: string) => ++ran,
          options,
        )(BAD_STATE, "x"),
      );
      expect(ran).toBe(0);
      expect(error.code).toBe("POLICY_DENIED");
      expect(error.details).toMatchObject({
        escalation_id: "esc_7",
        escalation_status: verdict,
        denial_level: "decorator",
      });
      expect(error.message).toContain(`escalation esc_7 ended ${verdict}`);
      expect(sink.records[0]).toMatchObject({
        status: "error",
        policy: { decision: "deny" },
        error_code: "POLICY_DENIED",
        escalation_id: "esc_7",
        escalation_status: verdict,
      });
    },
  );

  it("a wait past controlPlane.escalation.timeoutMs denies (a timeout never approves)", async () => {
    const pending = controlPlaneHandler({ policy: ESCALATE });
    server.handle((request, response) =>
      request.method === "GET" && request.url.startsWith("/api/escalations/")
        ? void response
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ escalation: { id: "esc_7", status: "pending" } }))
        : pending(request, response),
    );
    initControlPlaneApp(server.baseUrl, { escalation: { timeoutMs: 300, pollIntervalMs: 50 } });
    const error = await rejection(
      sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => "ran", options)(BAD_STATE, "x"),
    );
    expect(error.details).toMatchObject({ escalation_id: "esc_7", escalation_status: "timeout" });
  });

  it("a sync method fails closed before any policy is cached, then decides with the warmed one", async () => {
    const profile = app({ policy: DENY });
    let ran = 0;
    const run = sec0.wrap.agent("Planner.run", (_ctx: object, _input: string) => ++ran, options);
    let thrown: unknown;
    try {
      run({}, "x");
    } catch (error) {
      thrown = error;
    }
    expect(ran).toBe(0);
    expect(isSec0Error(thrown, "INSTRUMENTATION_HOP_POLICY_NOT_READY")).toBe(true);
    expect((thrown as Error).message).toContain("warmHopPolicy()");
    expect(sink.records[0]).toMatchObject({ status: "error", decision_reason: "policy_fetch_failed" });
    const warmed = await warmHopPolicy({ profile, hops: ["Planner.run", "Nope.run"] });
    expect(warmed).toEqual({
      controlPlane: true,
      warmed: ["Planner.run"],
      failed: [{ hop: "Nope.run", codes: ["INSTRUMENTATION_HOP_UNKNOWN"] }],
    });
    expect(run({}, "x")).toBe(1); // sync stays sync
    expect(() => run(BAD_STATE, "x")).toThrow(expect.objectContaining({ code: "POLICY_DENIED" }));
  });

  it("a sync method that needs a human is denied: it cannot wait", async () => {
    const profile = app({ policy: ESCALATE });
    await warmHopPolicy({ profile });
    const run = sec0.wrap.agent("Planner.run", (_ctx: object, _input: string) => "ran", options);
    expect(() => run(BAD_STATE, "x")).toThrow(/sync hop cannot wait for one: make the method async/);
    expect(escalations()).toHaveLength(0);
  });

  it("an async generator awaits the first policy at its first step and is refused there", async () => {
    app({ policy: DENY });
    let started = 0;
    const stream = sec0.wrap.agent(
      "Planner.run",
      async function* (_ctx: object, _input: string) {
        started += 1;
        yield "a";
        yield "b";
      },
      options,
    );
    const chunks: string[] = [];
    for await (const chunk of stream({}, "x")) chunks.push(chunk as string);
    expect(chunks).toEqual(["a", "b"]);
    const denied = stream(BAD_STATE, "x");
    await expect(denied.next()).rejects.toMatchObject({ code: "POLICY_DENIED" });
    expect(started).toBe(1);
    expect(basePolicyRequests(server.requests)).toHaveLength(1);
  });

  it("without a control plane nothing is fetched and an escalation is a deny, as before", async () => {
    initTestApp({
      "Planner.run": {
        type: "agent",
        nodeId: "planner",
        agentName: "p",
        agentVersion: "1",
        enforcement: { escalate_on: ["agent_state_invalid"] },
      },
    });
    server.handle(controlPlaneHandler({ policy: DENY }));
    const run = sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => "ran", options);
    expect(() => run(BAD_STATE, "x")).toThrow(/without a control plane hops have no escalation channel/);
    await expect(run({}, "x")).resolves.toBe("ran");
    expect(server.requests).toHaveLength(0);
    expect(await warmHopPolicy()).toEqual({ controlPlane: false, warmed: [], failed: [] });
  });
});
