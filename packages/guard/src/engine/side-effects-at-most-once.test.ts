import type { IdempotencyStore } from "@sec0/core";
import { createInlinePolicySource } from "@sec0/policy";
import { createFixedClock, createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createMemoryIdempotencyStore } from "../idempotency/memory-idempotency-store.js";
import { createDecisionEngine } from "./create-decision-engine.js";
import type { GovernedCall } from "./engine-types.js";

const POLICY = {
  tenant: "acme",
  side_effects: { require_idempotency_key: true },
  enforcement: { deny_on: ["missing_idempotency_for_side_effect"] },
};
const files = { name: "files", version: "1.0" };

function setup(
  policy: object = POLICY,
  store?: (clock: ReturnType<typeof createFixedClock>) => IdempotencyStore,
) {
  const clock = createFixedClock();
  const sink = createMemoryAuditSink();
  const engine = createDecisionEngine(
    {
      surface: "middleware",
      clock,
      ...(store === undefined ? {} : { adapters: { idempotencyStore: store(clock) } }),
    },
    { policySource: createInlinePolicySource(policy as never), auditSink: sink },
  );
  const runs: string[] = [];
  const govern = (call: Partial<GovernedCall> & { tool: string }, key?: string, nodeId?: string) =>
    engine.govern(
      {
        server: files,
        args: {},
        ...call,
        ...(key === undefined ? {} : { meta: { idempotencyKey: key } }),
        ...(nodeId === undefined ? {} : { headers: { "x-node-id": nodeId } }),
      },
      async (args) => {
        runs.push(`${nodeId ?? "-"}:${call.tool}:${JSON.stringify(args)}`);
        return { ran: runs.length, by: nodeId };
      },
    );
  return { clock, sink, engine, runs, govern };
}

const decisions = (sink: ReturnType<typeof createMemoryAuditSink>) =>
  sink.records.map((record) => [(record.policy as { decision: string }).decision, record.decision_reason]);

describe("the side-effect class comes from the tool and the policy, never the caller (item 9)", () => {
  it("refuses delete_file called with method GET without a key, and runs it once in three keyed calls", async () => {
    const { govern, runs } = setup();
    const args = { path: "/etc/passwd", method: "GET" };
    const unkeyed = await govern({ tool: "delete_file", args });
    expect(unkeyed).toMatchObject({
      status: "refused",
      refusal: { reason: "missing_idempotency_for_side_effect" },
    });
    expect(runs).toEqual([]);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await govern({ tool: "delete_file", args }, "k-1"));
    expect(runs).toHaveLength(1);
    expect(outcomes.map((o) => (o.status === "ok" ? o.result : o))).toEqual([
      { ran: 1 },
      { ran: 1 },
      { ran: 1 },
    ]);
    expect(outcomes.map((o) => o.status === "ok" && o.replayed === true)).toEqual([false, true, true]);
  });

  it("does not let a server's readOnlyHint or a caller's annotations waive the key for delete_file", async () => {
    const { govern, runs } = setup();
    const outcome = await govern({
      tool: "delete_file",
      args: { path: "/a", annotations: { readOnlyHint: true }, sideEffect: false },
      definition: { name: "delete_file", annotations: { readOnlyHint: true, idempotentHint: true } },
    });
    expect(outcome).toMatchObject({ refusal: { reason: "missing_idempotency_for_side_effect" } });
    expect(runs).toEqual([]);
  });

  it("follows the policy's side_effects.tools both ways", async () => {
    const { govern, runs } = setup({
      ...POLICY,
      side_effects: {
        require_idempotency_key: true,
        tools: { "mcp://files/lookup@*": "write", "mcp://files/delete_file@1.0": "read" },
      },
    });
    expect(await govern({ tool: "lookup", args: { method: "GET" } })).toMatchObject({
      refusal: { reason: "missing_idempotency_for_side_effect" },
    });
    expect(await govern({ tool: "delete_file" })).toMatchObject({ status: "ok" });
    expect(runs).toEqual(["-:delete_file:{}"]);
  });
});

describe("at most once per key (item 10)", () => {
  const instant = (clock: ReturnType<typeof createFixedClock>) =>
    createMemoryIdempotencyStore({ clock, waitMs: 0 });

  it("does not run a duplicate of a call that has been in flight for more than 60 s", async () => {
    const { govern, clock, engine } = setup(POLICY, instant);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const slow = engine.govern(
      { server: files, tool: "write_file", args: { path: "/a" }, meta: { idempotencyKey: "k" } },
      async () => {
        started += 1;
        await gate;
        return "first";
      },
    );
    while (started === 0) await new Promise((resolve) => setImmediate(resolve));
    clock.advance(61_000);
    const duplicate = await govern({ tool: "write_file", args: { path: "/a" } }, "k");
    clock.advance(3_600_000);
    const later = await govern({ tool: "write_file", args: { path: "/a" } }, "k");
    release();
    expect(await slow).toMatchObject({ status: "ok", result: "first" });
    expect(duplicate).toMatchObject({ status: "refused", refusal: { reason: "idempotency_conflict" } });
    expect(later).toMatchObject({ status: "refused", refusal: { reason: "idempotency_conflict" } });
    expect(started).toBe(1);
    expect(await govern({ tool: "write_file", args: { path: "/a" } }, "k")).toMatchObject({
      result: "first",
      replayed: true,
    });
  });

  it("namespaces keys per node: agent B using agent A's key neither gets A's result nor blocks A", async () => {
    const { govern, runs, engine } = setup(POLICY, instant);
    const args = { path: "/report" };
    const a = await govern({ tool: "write_file", args }, "shared", "agent-a");
    const b = await govern({ tool: "write_file", args }, "shared", "agent-b");
    expect(a).toMatchObject({ status: "ok", result: { by: "agent-a" } });
    expect(b).toMatchObject({ status: "ok", result: { by: "agent-b" } });
    expect(b).not.toHaveProperty("replayed", true);
    // B squats a key A has not used yet, with other arguments, and keeps it in flight: A still runs.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const squat = engine.govern(
      {
        server: files,
        tool: "write_file",
        args: { path: "/evil" },
        meta: { idempotencyKey: "next" },
        headers: { "x-node-id": "agent-b" },
      },
      async () => {
        await gate;
        return "squatted";
      },
    );
    const aNext = await govern({ tool: "write_file", args }, "next", "agent-a");
    release();
    await squat;
    expect(aNext).toMatchObject({ status: "ok", result: { by: "agent-a" } });
    expect(runs.filter((run) => run.startsWith("agent-a:"))).toHaveLength(2);
  });

  it("keeps separators in node ids and keys from colliding", async () => {
    const { govern, runs } = setup(POLICY, instant);
    await govern({ tool: "write_file", args: { n: 1 } }, "b|c", "a");
    const other = await govern({ tool: "write_file", args: { n: 1 } }, "c", "a|b");
    await govern({ tool: "write_file", args: { n: 1 } }, "k", "x%7Cy");
    const encoded = await govern({ tool: "write_file", args: { n: 1 } }, "k", "x|y");
    expect(other).toMatchObject({ status: "ok" });
    expect(encoded).toMatchObject({ status: "ok" });
    expect(runs).toHaveLength(4);
  });

  it("replays a completed call for the policy's side_effects.idempotency_ttl, then forgets it", async () => {
    const { govern, runs, clock } = setup(
      { ...POLICY, side_effects: { require_idempotency_key: true, idempotency_ttl: "1h" } },
      instant,
    );
    await govern({ tool: "write_file" }, "k");
    clock.advance(3_599_999);
    expect(await govern({ tool: "write_file" }, "k")).toMatchObject({ replayed: true, result: { ran: 1 } });
    clock.advance(1);
    expect(await govern({ tool: "write_file" }, "k")).toMatchObject({ result: { ran: 2 } });
    expect(runs).toHaveLength(2);
  });

  it("refuses new side effects with idempotency_store_full when the store is full, and never forgets", async () => {
    const { govern, runs, sink } = setup(POLICY, (clock) =>
      createMemoryIdempotencyStore({ clock, waitMs: 0, capacity: 2 }),
    );
    await govern({ tool: "write_file" }, "k1");
    await govern({ tool: "write_file" }, "k2");
    const third = await govern({ tool: "write_file" }, "k3");
    expect(third).toMatchObject({
      status: "refused",
      refusal: { reason: "idempotency_store_full", decision: "deny" },
    });
    expect(await govern({ tool: "write_file" }, "k1")).toMatchObject({ replayed: true });
    // Reads do not use the store.
    expect(await govern({ tool: "read_file" }, "k4")).toMatchObject({ status: "ok" });
    expect(runs).toEqual(["-:write_file:{}", "-:write_file:{}", "-:read_file:{}"]);
    expect(decisions(sink)[2]).toEqual(["deny", "idempotency_store_full"]);
  });

  it("refuses a side effect without running it when the store cannot answer", async () => {
    const broken: IdempotencyStore = {
      begin: () => Promise.reject(new Error("connection refused")),
      complete: () => Promise.resolve(),
      fail: () => Promise.resolve(),
    };
    const { govern, runs, sink } = setup(POLICY, () => broken);
    const outcome = await govern({ tool: "write_file" }, "k");
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "evaluation_error" } });
    expect(runs).toEqual([]);
    expect(decisions(sink)).toEqual([["deny", "evaluation_error"]]);
  });
});
