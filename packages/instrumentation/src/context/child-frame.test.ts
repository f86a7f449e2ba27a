import { setTimeout as sleep } from "node:timers/promises";
import {
  encodeAgentStateHeaders,
  extractAgentStateFromHeaders,
  generateSpanId,
  generateTraceId,
  parseTraceparent,
} from "@sec0/core";
import { describe, expect, it } from "vitest";
import type { HopConfig, HopFrame } from "../hop-types.js";
import { childFrame, currentHopFrame, headersForOutgoing, runInHopFrame } from "./index.js";

function hop(key: string, nodeId = key.toLowerCase().replace(/\W+/g, "-")): HopConfig {
  return {
    key,
    type: "agent",
    nodeId,
    identity: { agent: `${nodeId}@1` },
    enforcement: { mode: "enforce", denyOn: [], escalateOn: [] },
    propagateTo: [],
  };
}

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

describe("childFrame", () => {
  it("starts a new trace and run outside any hop", () => {
    const frame = childFrame(hop("A.run"));
    expect(frame.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(frame.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(frame.parentSpanId).toBeUndefined();
    expect(frame.runId).toMatch(/^[A-Za-z0-9._-]+:\d+:\d+:\d+$/);
    expect(frame.state).toEqual({ nodeId: "a-run", runId: frame.runId });
    expect(currentHopFrame()).toBeUndefined();
  });

  it("nests: the child inherits trace and run and gets the parent's span as parentSpanId", () => {
    const outer = childFrame(hop("Outer.run"));
    runInHopFrame(outer, () => {
      expect(currentHopFrame()).toBe(outer);
      const inner = childFrame(hop("Inner.run"), { ctx: { traceId: generateTraceId() } });
      expect(inner.traceId).toBe(outer.traceId);
      expect(inner.parentSpanId).toBe(outer.spanId);
      expect(inner.spanId).not.toBe(outer.spanId);
      expect(inner.runId).toBe(outer.runId);
      expect(inner.state.nodeId).toBe("inner-run");
      runInHopFrame(inner, () => expect(currentHopFrame()).toBe(inner));
      expect(currentHopFrame()).toBe(outer);
    });
    expect(currentHopFrame()).toBeUndefined();
  });

  it("joins ctx's trace, with ctx.spanId as the parent, and keeps ctx.runId (the old run as parentRef)", () => {
    const frame = childFrame(hop("A.run"), {
      ctx: {
        traceId: TRACE.toUpperCase(),
        spanId: SPAN,
        runId: "run 1",
        agentState: { nodeId: "caller", runId: "run-0" },
      },
    });
    expect(frame).toMatchObject({ traceId: TRACE, parentSpanId: SPAN, runId: "run_1", parentRef: "run-0" });
    expect(() => childFrame(hop("A.run"), { ctx: { traceId: "nope" } })).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_CONTEXT_INVALID", details: { field: "ctx.traceId" } }),
    );
  });

  it("reads traceparent, x-cause-* and the agent-state headers", () => {
    const headers = {
      Traceparent: `00-${TRACE}-${SPAN}-01`,
      "x-cause-trace": "a".repeat(32),
      "x-cause-span": "b".repeat(16),
      ...encodeAgentStateHeaders({
        nodeId: "caller",
        runId: "run-7",
        parentRef: "run-6",
        variables: { AGENT: { vars: { k: "v" } } },
        metadata: { m: 1 },
      }),
    };
    const frame = childFrame(hop("Server.handle", "server-node"), { headers });
    expect(frame.traceId).toBe(TRACE);
    expect(frame.parentSpanId).toBe(SPAN);
    expect(frame.cause).toEqual({ traceId: "a".repeat(32), spanId: "b".repeat(16) });
    expect(frame.runId).toBe("run-7");
    expect(frame.parentRef).toBe("run-6");
    expect(frame.state).toEqual({
      nodeId: "server-node",
      runId: "run-7",
      parentRef: "run-6",
      variables: { AGENT: { vars: { k: "v" } } },
      metadata: { m: 1 },
    });
  });

  it("ignores malformed trace headers, takes ctx.cause, and refuses state the codec refuses", () => {
    const frame = childFrame(hop("A.run"), {
      headers: { traceparent: "garbage", "x-cause-trace": "zz", "x-cause-span": SPAN },
      ctx: { cause: { traceId: TRACE, spanId: SPAN } },
    });
    expect(frame.traceId).not.toBe(TRACE);
    expect(frame.parentSpanId).toBeUndefined();
    expect(frame.cause).toEqual({ traceId: TRACE, spanId: SPAN });
    expect(() =>
      childFrame(hop("A.run"), { ctx: { agentState: { nodeId: "x", variables: { BOGUS: {} } } } }),
    ).toThrow(expect.objectContaining({ code: "CORE_AGENT_STATE_INVALID" }));
  });

  it("never mixes frames across 100 interleaved async runs", async () => {
    const seen = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const frame = childFrame(hop(`Hop${i}.run`), { ctx: { runId: `run-${i}` } });
        return runInHopFrame(frame, async () => {
          const checks: boolean[] = [];
          for (let step = 0; step < 5; step++) {
            await sleep(Math.floor(Math.random() * 5));
            checks.push(currentHopFrame() === frame);
            const inner = childFrame(hop(`Inner${i}.run`));
            await runInHopFrame(inner, async () => {
              await sleep(Math.floor(Math.random() * 3));
              checks.push(currentHopFrame() === inner && inner.parentSpanId === frame.spanId);
              checks.push(inner.runId === `run-${i}`);
            });
            checks.push(currentHopFrame() === frame);
          }
          return checks.every(Boolean);
        });
      }),
    );
    expect(seen).toEqual(Array.from({ length: 100 }, () => true));
    expect(currentHopFrame()).toBeUndefined();
  });
});

describe("headersForOutgoing", () => {
  it("sends this hop as traceparent parent and cause, and agent state core's codec decodes", () => {
    const frame: HopFrame = childFrame(hop("Agent.run"), {
      ctx: { traceId: TRACE, spanId: SPAN, runId: "run-9" },
    });
    frame.state.variables = { AGENT: { secret: "not propagated" } };
    const headers = headersForOutgoing(frame, { authorization: "Bearer t", "x-node-id": "spoofed" });
    expect(headers.authorization).toBe("Bearer t");
    const parent = parseTraceparent(headers.traceparent);
    expect(parent).toEqual({
      ok: true,
      value: expect.objectContaining({ traceId: TRACE, spanId: frame.spanId }),
    });
    expect(headers["x-cause-trace"]).toBe(TRACE);
    expect(headers["x-cause-span"]).toBe(frame.spanId);
    expect(extractAgentStateFromHeaders(headers)).toEqual({ nodeId: "agent-run", runId: "run-9" });
    // the next hop, built from these headers, continues the trace under this hop's span
    const next = childFrame(hop("Next.run"), { headers });
    expect(next).toMatchObject({ traceId: TRACE, parentSpanId: frame.spanId, runId: "run-9" });
    expect(next.cause).toEqual({ traceId: TRACE, spanId: frame.spanId });
    expect(generateSpanId()).not.toBe(frame.spanId);
  });
});
