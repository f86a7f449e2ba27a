import { decodeAgentStateHeader, encodeAgentStateHeaders, extractAgentStateFromHeaders } from "@sec0/core";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initializeSec0App, resetSec0AppForTests, resolveHop } from "../config/index.js";
import { childFrame, runInHopFrame } from "../context/index.js";
import { AgentManager, registerLocalHopHandler, unregisterLocalHopHandler } from "./index.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

beforeEach(() => {
  initializeSec0App(
    {
      app: {
        tenant: "demo",
        environment: "dev",
        client: { name: "app", version: "1.0.0" },
        hops: {
          "Workflow.orchestrate": { type: "orchestrator", nodeId: "workflow-orch" },
          "OrderAgent.run": { type: "agent", nodeId: "order-agent", agentName: "order", agentVersion: "1" },
          "Edge.call": { type: "gateway", nodeId: "edge", gateway: "edge", gatewayBaseUrl: server.baseUrl },
          "Remote.run": {
            type: "server",
            nodeId: "remote",
            server: "remote",
            remoteUrl: `${server.baseUrl}/hop`,
          },
          "Local.run": { type: "server", nodeId: "local", server: "local" },
        },
      },
      auth: { svcToken: "svc-1" },
      controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/k" },
    },
    { env: {} },
  );
});
afterEach(() => {
  resetSec0AppForTests();
  unregisterLocalHopHandler("Local.run");
});

function managerFor(key: string, type: "orchestrator" | "agent", runId = "run-1") {
  const frame = childFrame(resolveHop(key, type), { ctx: { traceId: TRACE, spanId: SPAN, runId } });
  return new AgentManager(frame);
}

describe("AgentManager state", () => {
  it("puts state, metadata and objective under the hop's scope, in snapshot and frame", () => {
    const manager = managerFor("OrderAgent.run", "agent");
    manager.agent.setState({ order_id: "o-1", count: 2 });
    manager.agent.setState({ step: "pack" });
    manager.agent.setMetadata({ received_at: 1700000000000 });
    manager.agent.objective("Ship the order.");
    const expected = {
      nodeId: "order-agent",
      runId: "run-1",
      variables: {
        AGENT: {
          vars: { order_id: "o-1", count: "2", step: "pack", objective: "Ship the order." },
          received_at: 1700000000000,
          objective: "Ship the order.",
        },
      },
    };
    expect(manager.agent.snapshot()).toEqual(expected);
    expect(manager.snapshot()).toEqual(expected);
    expect(manager.frame.state).toEqual(expected);
    const copy = manager.snapshot();
    copy.nodeId = "changed";
    expect(manager.frame.state.nodeId).toBe("order-agent");
  });

  it("orchestrator hops write under ORCHESTRATOR", () => {
    const manager = managerFor("Workflow.orchestrate", "orchestrator");
    manager.agent.objective("Plan and execute the workflow safely.");
    expect(manager.snapshot().variables).toEqual({
      ORCHESTRATOR: {
        vars: { objective: "Plan and execute the workflow safely." },
        objective: "Plan and execute the workflow safely.",
      },
    });
  });

  it("sends 0.2.3's agent-state headers: {nodeId, runId} only, byte-compatible", () => {
    const manager = managerFor("OrderAgent.run", "agent");
    manager.agent.setState({ order_id: "o-1" });
    const headers = manager.getAgentStateHeaders({ authorization: "Bearer x", "x-node-id": "spoof" });
    const wire = encodeAgentStateHeaders({ nodeId: "order-agent", runId: "run-1" });
    expect(headers).toEqual({ authorization: "Bearer x", ...wire });
    expect(headers["x-agent-state"]).toBe(
      Buffer.from('{"version":1,"nodeId":"order-agent","runId":"run-1"}').toString("base64url"),
    );
    expect(manager.agent.headers()).toEqual(wire);
    expect(extractAgentStateFromHeaders(headers)).toEqual({ nodeId: "order-agent", runId: "run-1" });
  });

  it("builds callToolViaGateway's idempotency key", () => {
    const manager = managerFor("OrderAgent.run", "agent");
    const key = manager.getIdempotencyKey({ toolAtVersion: "write@1.0", args: { a: 1 } });
    expect(key).toMatch(/^run-1:order-agent:write@1\.0:[0-9a-f]{16}$/);
    expect(manager.getIdempotencyKey({ toolAtVersion: "write@1.0", args: { a: 1 } })).toBe(key);
    expect(manager.getIdempotencyKey({ toolAtVersion: "write@1.0", args: { a: 2 } })).not.toBe(key);
    expect(manager.getIdempotencyKey({ toolAtVersion: "write@1.0", args: { a: 1 }, salt: "retry" })).toBe(
      `${key}:retry`,
    );
  });
});

describe("AgentManager.invoke", () => {
  it("POSTs a gateway hop to <gatewayBaseUrl>/mcp/<server>/<tool@v> with the outgoing headers", async () => {
    const hopIds = { "x-trace-id": TRACE, "x-span-id": "b7ad6b7169203331" };
    server.handle((_request, response) => replyJson(response, 200, { ok: true }, hopIds));
    const manager = managerFor("Workflow.orchestrate", "orchestrator", "run-42");
    manager.agent.setState({ goal: "ship" });
    const result = await runInHopFrame(manager.frame, () =>
      manager.invoke("Edge.call", { server: "files", tool: "write@1.0", args: { path: "/tmp/a" } }),
    );
    // callToolViaGateway's result: the reply with the gateway's hop ids.
    expect(result).toEqual({ ok: true, traceId: TRACE, spanId: "b7ad6b7169203331" });
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/mcp/files/write@1.0");
    expect(JSON.parse(request?.body ?? "")).toEqual({ path: "/tmp/a" });
    const headers = request?.headers ?? {};
    expect(headers.traceparent).toBe(`00-${TRACE}-${manager.frame.spanId}-01`);
    expect(headers["x-cause-trace"]).toBe(TRACE);
    expect(headers["x-cause-span"]).toBe(manager.frame.spanId);
    expect(headers["x-idempotency-key"]).toBe(
      manager.getIdempotencyKey({ toolAtVersion: "write@1.0", args: { path: "/tmp/a" } }),
    );
    expect(headers.authorization).toBe("Bearer svc-1");
    expect(headers["x-tenant"]).toBe("demo");
    expect(headers["x-node-id"]).toBe("workflow-orch");
    expect(headers["x-agent-ref"]).toBe("run-42");
    expect(decodeAgentStateHeader(String(headers["x-agent-state"])).variables).toEqual({
      ORCHESTRATOR: { vars: { goal: "ship" } },
    });
  });

  it("reports a gateway's non-2xx reply (the gateway client's codes) and bad params with codes", async () => {
    server.handle((_request, response) => replyJson(response, 403, { error: "denied" }));
    const manager = managerFor("Workflow.orchestrate", "orchestrator");
    await expect(
      manager.invoke("Edge.call", { server: "files", tool: "write@1.0", authHeader: "Bearer user" }),
    ).rejects.toMatchObject({ code: "MIDDLEWARE_GATEWAY_ERROR", details: { status: 403, code: "denied" } });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer user");
    await expect(manager.invoke("Edge.call", { server: "files" })).rejects.toMatchObject({
      code: "INSTRUMENTATION_INVOKE_INVALID",
      details: { field: "params.tool" },
    });
    server.handle((_request, response) => replyJson(response, 200, { ok: true }));
    await expect(manager.invoke("Edge.call", { server: "files", tool: "write@1.0" })).rejects.toMatchObject({
      code: "MIDDLEWARE_GATEWAY_TRACE_MISSING",
    });
  });

  it("calls a registered local handler with the params and a copy of the agent state", async () => {
    const calls: unknown[] = [];
    registerLocalHopHandler("Local.run", async (params, agentState) => {
      calls.push({ params, agentState });
      return { handled: true };
    });
    const manager = managerFor("OrderAgent.run", "agent");
    await expect(manager.invoke("Local.run", { x: 1 })).resolves.toEqual({ handled: true });
    expect(calls).toEqual([{ params: { x: 1 }, agentState: { nodeId: "order-agent", runId: "run-1" } }]);
    const off = registerLocalHopHandler("Unlisted.run", () => "ok");
    await expect(manager.invoke("Unlisted.run", {})).resolves.toBe("ok");
    off();
    await expect(manager.invoke("Unlisted.run", {})).rejects.toMatchObject({
      code: "INSTRUMENTATION_HOP_UNKNOWN",
    });
  });

  it("POSTs {hopKey, hopType, params, agentState} to remoteUrl, else says the hop is unreachable", async () => {
    server.handle((_request, response) => replyJson(response, 200, { remote: true }));
    const manager = managerFor("OrderAgent.run", "agent");
    await expect(manager.invoke("Remote.run", { q: "x" })).resolves.toEqual({ remote: true });
    const [request] = server.requests;
    expect(request?.url).toBe("/hop");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      hopKey: "Remote.run",
      hopType: "server",
      params: { q: "x" },
      agentState: { nodeId: "order-agent", runId: "run-1" },
    });
    expect(request?.headers["x-node-id"]).toBe("order-agent");
    await expect(manager.invoke("Local.run", {})).rejects.toMatchObject({
      code: "INSTRUMENTATION_HOP_UNREACHABLE",
    });
  });

  it("says unreachable when the connection fails", async () => {
    const closed = await startTestServer();
    const url = closed.baseUrl;
    await closed.close();
    initializeSec0App(
      {
        app: {
          tenant: "demo",
          environment: "dev",
          client: { name: "app" },
          hops: {
            "Down.run": { type: "server", nodeId: "down", server: "down", remoteUrl: url },
            "DownGw.call": { type: "gateway", nodeId: "down-gw", gateway: "down", gatewayBaseUrl: url },
          },
        },
        controlPlane: { sec0Dir: ".sec0", localSignerPath: "k" },
      },
      { env: {} },
    );
    const frame = childFrame(resolveHop("Down.run", "server"));
    await expect(new AgentManager(frame).invoke("Down.run", {})).rejects.toMatchObject({
      code: "INSTRUMENTATION_HOP_UNREACHABLE",
      details: { kind: "network" },
    });
    await expect(
      new AgentManager(frame).invoke("DownGw.call", { server: "files", tool: "write@1.0" }),
    ).rejects.toMatchObject({ code: "MIDDLEWARE_GATEWAY_UNREACHABLE" });
  });
});
