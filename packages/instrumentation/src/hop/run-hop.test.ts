import { isSec0Error, Sec0Error } from "@sec0/core";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentManager } from "../agent-manager/index.js";
import { resetSec0AppForTests, resolveHop } from "../config/index.js";
import { currentHopFrame } from "../context/index.js";
import type { AppProfile } from "../hop-types.js";
import { initTestApp } from "./__fixtures__/test-app.js";
import { runHop } from "./run-hop.js";

const sink = createMemoryAuditSink();
let profile: AppProfile;

beforeEach(() => {
  profile = initTestApp();
  sink.clear();
});
afterEach(() => resetSec0AppForTests());

const options = () => ({ auditSink: sink, profile });

describe("runHop", () => {
  it("appends the AgentManager last for an agent hop and records one allow", () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    let seen: unknown[] = [];
    const result = runHop(
      hop,
      {
        self: undefined,
        args: [{}, { orderId: "o-1" }],
        invoke: (args) => {
          seen = args;
          (args[2] as AgentManager).agent.setState({ order_id: "o-1" });
          return { ok: true };
        },
      },
      options(),
    );
    expect(result).toEqual({ ok: true }); // sync stays sync: a value, not a promise
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBeInstanceOf(AgentManager);
    expect(sink.records).toHaveLength(1);
    const record = sink.records[0] as Record<string, unknown>;
    expect(record).toMatchObject({
      tenant: "acme",
      environment: "dev",
      client_name: "shop",
      client_version: "1.2.3",
      node_type: "agent",
      agent: "order-agent@1.0.0",
      hop_key: "OrderAgent.run",
      status: "ok",
      retries: 0,
      policy: { decision: "allow", retention: "standard" },
      reasons: [],
      nodeId: "order-agent",
    });
    expect(record.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(record.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(record.agentRef).toBe((seen[2] as AgentManager).frame.runId);
    expect(record.input_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.output_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(record)).not.toContain("orderId"); // digests only, no raw input
    expect(record.agentVariables).toEqual({ AGENT: { vars: { order_id: "o-1" } } });
  });

  it("passes (params, manager) to a node hop and reads params.headers", () => {
    const hop = resolveHop("Web.fetch", "tool");
    let seen: unknown[] = [];
    runHop(
      hop,
      {
        self: undefined,
        args: [{ url: "https://x.test", headers: { "x-node-id": "caller", "x-agent-ref": "run-7" } }],
        invoke: (args) => {
          seen = args;
          return "page";
        },
      },
      options(),
    );
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeInstanceOf(AgentManager);
    expect(sink.records[0]).toMatchObject({ node_type: "tool", server: "web", agentRef: "run-7" });
  });

  it("denies before running in enforce mode and records the deny", () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    let ran = false;
    const call = () =>
      runHop(
        hop,
        {
          self: undefined,
          args: [{ agentState: { nodeId: 42 } }, {}],
          invoke: () => {
            ran = true;
          },
        },
        options(),
      );
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(ran).toBe(false);
    expect(isSec0Error(thrown, "POLICY_DENIED")).toBe(true);
    expect((thrown as Sec0Error).details).toEqual({
      violation: "agent_state_invalid",
      denial_reason: "agent_state_invalid",
      denial_level: "decorator",
      reasons: ["agent_state_invalid"],
    });
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      status: "error",
      policy: { decision: "deny" },
      decision_reason: "agent_state_invalid",
      reasons: ["agent_state_invalid"],
      output_sha256: null,
      error_code: "POLICY_DENIED",
    });
  });

  it("treats an incoming agent state of another node as agent_state_invalid", () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    expect(() =>
      runHop(
        hop,
        { self: undefined, args: [{ agentState: { nodeId: "someone-else" } }], invoke: () => 1 },
        options(),
      ),
    ).toThrow(expect.objectContaining({ code: "POLICY_DENIED" }));
  });

  it("denies a node hop whose agent-state headers are malformed", () => {
    const hop = resolveHop("Web.fetch", "tool");
    expect(() =>
      runHop(
        hop,
        { self: undefined, args: [{ headers: { "x-agent-ref": "run-1" } }], invoke: () => 1 },
        options(),
      ),
    ).toThrow(expect.objectContaining({ code: "POLICY_DENIED" }));
    expect(sink.records[0]).toMatchObject({ policy: { decision: "deny" } });
  });

  it("records would_deny in observe mode and runs the function", () => {
    const hop = resolveHop("Observed.run", "agent");
    const result = runHop(
      hop,
      { self: undefined, args: [{ agentState: { nodeId: "other" } }], invoke: () => "ran" },
      options(),
    );
    expect(result).toBe("ran");
    expect(sink.records[0]).toMatchObject({
      status: "ok",
      policy: { decision: "would_deny" },
      decision_reason: "agent_state_invalid",
      reasons: ["agent_state_invalid"],
    });
  });

  it("records what the function throws and rethrows it unchanged", async () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    const boom = new Sec0Error("SOMETHING_FAILED", "boom");
    expect(() =>
      runHop(
        hop,
        {
          self: undefined,
          args: [{}],
          invoke: () => {
            throw boom;
          },
        },
        options(),
      ),
    ).toThrow(boom);
    const failing = runHop(
      hop,
      { self: undefined, args: [{}], invoke: async () => Promise.reject(boom) },
      options(),
    );
    await expect(failing).rejects.toBe(boom);
    expect(sink.records.map((record) => [record.status, record.error_code])).toEqual([
      ["error", "SOMETHING_FAILED"],
      ["error", "SOMETHING_FAILED"],
    ]);
  });

  it("returns a promise for an async function and records after it settles", async () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    const pending = runHop(
      hop,
      {
        self: undefined,
        args: [{}],
        invoke: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return currentHopFrame()?.hop.key;
        },
      },
      options(),
    );
    expect(pending).toBeInstanceOf(Promise);
    expect(sink.records).toHaveLength(0);
    await expect(pending).resolves.toBe("OrderAgent.run");
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]?.latency_ms as number).toBeGreaterThanOrEqual(4);
  });

  it("runs nested hops in one trace, the child naming its parent span", () => {
    const agent = resolveHop("OrderAgent.run", "agent");
    const tool = resolveHop("Web.fetch", "tool");
    runHop(
      agent,
      {
        self: undefined,
        args: [{}],
        invoke: () =>
          runHop(tool, { self: undefined, args: [{ url: "u" }], invoke: () => "page" }, options()),
      },
      options(),
    );
    const [child, parent] = sink.records as Array<Record<string, unknown>>;
    expect(child?.hop_key).toBe("Web.fetch");
    expect(child?.trace_id).toBe(parent?.trace_id);
    expect(child?.parent_span_id).toBe(parent?.span_id);
    expect(child?.agentRef).toBe(parent?.agentRef);
    expect(parent?.parent_span_id).toBeUndefined();
  });

  it("joins the trace named by ctx.traceId / ctx.spanId", () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    runHop(
      hop,
      { self: undefined, args: [{ traceId, spanId: "00f067aa0ba902b7", runId: "run-9" }], invoke: () => 1 },
      options(),
    );
    expect(sink.records[0]).toMatchObject({
      trace_id: traceId,
      parent_span_id: "00f067aa0ba902b7",
      agentRef: "run-9",
    });
  });

  it("hashes what the redaction hooks return and writes content only with recordContent", () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    const redact = { input: () => ["redacted"], output: () => "hidden" };
    runHop(
      hop,
      { self: undefined, args: [{}, { password: "hunter2" }], invoke: () => ({ secret: "s3cr3t" }) },
      { ...options(), redact },
    );
    runHop(
      hop,
      { self: undefined, args: [{}, { password: "hunter2" }], invoke: () => ({ secret: "s3cr3t" }) },
      { ...options(), redact, recordContent: true },
    );
    const [plain, withContent] = sink.records as Array<Record<string, unknown>>;
    expect(plain?.input).toBeUndefined();
    expect(JSON.stringify(plain)).not.toContain("hunter2");
    expect(JSON.stringify(withContent)).not.toContain("hunter2");
    expect(withContent).toMatchObject({ input: ["redacted"], output: "hidden" });
    expect(plain?.input_sha256).toBe(withContent?.input_sha256);
  });

  it("keeps 100 interleaved runs apart (each record's trace belongs to its run)", async () => {
    const agent = resolveHop("OrderAgent.run", "agent");
    const tool = resolveHop("Web.fetch", "tool");
    const runs = Array.from({ length: 100 }, (_, index) =>
      runHop(
        agent,
        {
          self: undefined,
          args: [{ runId: `run-${index}` }],
          invoke: async () => {
            await new Promise((resolve) => setTimeout(resolve, (index * 7) % 11));
            const before = currentHopFrame();
            await runHop(
              tool,
              {
                self: undefined,
                args: [{}],
                invoke: async () => {
                  await new Promise((resolve) => setTimeout(resolve, (index * 3) % 5));
                  return currentHopFrame()?.runId;
                },
              },
              options(),
            );
            expect(currentHopFrame()).toBe(before);
            return before?.runId;
          },
        },
        options(),
      ),
    );
    const results = await Promise.all(runs);
    expect(results).toEqual(Array.from({ length: 100 }, (_, index) => `run-${index}`));
    expect(sink.records).toHaveLength(200);
    const traceOfRun = new Map<unknown, unknown>();
    for (const record of sink.records) {
      const known = traceOfRun.get(record.agentRef);
      if (known === undefined) traceOfRun.set(record.agentRef, record.trace_id);
      else expect(record.trace_id).toBe(known);
    }
    expect(traceOfRun.size).toBe(100);
    expect(new Set(traceOfRun.values()).size).toBe(100);
  });

  it("logs a failed audit append and never fails the hop for it", async () => {
    const hop = resolveHop("OrderAgent.run", "agent");
    const errors: unknown[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (obj: object) => errors.push(obj) };
    const failing = { append: async () => Promise.reject(new Sec0Error("AUDIT_WRITE_FAILED", "disk full")) };
    const result = runHop(
      hop,
      { self: undefined, args: [{}], invoke: () => "fine" },
      { profile, auditSink: failing, logger },
    );
    expect(result).toBe("fine");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual([{ hop_key: "OrderAgent.run", code: "AUDIT_WRITE_FAILED", err: "disk full" }]);
  });
});
