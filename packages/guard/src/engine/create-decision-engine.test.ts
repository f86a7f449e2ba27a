import { createInlinePolicySource } from "@sec0/policy";
import { createFixedClock, createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { MIDDLEWARE_VERSION } from "../audit/build-audit-envelope.js";
import { createDecisionEngine } from "./create-decision-engine.js";
import type { Surface } from "./engine-types.js";

const policy = {
  tenant: "acme",
  tools: { allowlist: ["mcp://files/read@1.0"] },
  enforcement: { deny_on: ["tool_not_in_allowlist"] },
};
const call = (tool: string) => ({ server: { name: "files", version: "1.0" }, tool, args: { path: "/a" } });

function engineFor(surface: Surface) {
  const sink = createMemoryAuditSink();
  const engine = createDecisionEngine(
    { surface, clock: createFixedClock() },
    { policySource: createInlinePolicySource(policy), auditSink: sink },
  );
  return { engine, sink };
}

describe("createDecisionEngine", () => {
  it.each(["middleware", "gateway", "guard", "tool"])(
    "names the %s surface in the audit record",
    async (surface) => {
      const { engine, sink } = engineFor(surface);
      await engine.govern(call("delete"), async () => "never");
      await engine.close();
      const [record] = sink.records;
      expect(record).toMatchObject({ node_type: surface, check_level: surface, denial_level: surface });
      expect(record?.server).toBe(`sec0-${surface}@${MIDDLEWARE_VERSION}`);
    },
  );

  it("allows, runs once and records the policy hash; refuses without running", async () => {
    const { engine, sink } = engineFor("gateway");
    const runs: string[] = [];
    const allowed = await engine.govern(call("read"), async (args) => {
      runs.push(String(args.path));
      return { ok: true };
    });
    const refused = await engine.govern(call("delete"), async () => runs.push("delete"));
    await engine.close();
    expect(allowed).toMatchObject({ status: "ok", result: { ok: true } });
    expect(refused).toMatchObject({ status: "refused", refusal: { reason: "tool_not_in_allowlist" } });
    expect(runs).toEqual(["/a"]);
    expect(sink.records.map((r) => (r.policy as { decision: string }).decision)).toEqual(["allow", "deny"]);
    expect(sink.records.every((r) => typeof r.policy_hash === "string")).toBe(true);
  });

  it("rethrows the tool's own failure unchanged after recording it", async () => {
    const { engine, sink } = engineFor("guard");
    const failure = new Error("disk full");
    await expect(
      engine.govern(call("read"), async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    await engine.close();
    expect(sink.records[0]).toMatchObject({ status: "error", error: "disk full" });
  });

  it("fails closed with evaluation_error when a check throws", async () => {
    const { engine, sink } = engineFor("middleware");
    const outcome = await engine.govern(
      { ...call("read"), meta: { idempotencyKey: 42 } }, // a key that is not a string
      async () => "ran",
    );
    await engine.close();
    expect(outcome).toMatchObject({ status: "refused", refusal: { reason: "evaluation_error" } });
    expect(sink.records[0]).toMatchObject({ decision_reason: "evaluation_error" });
  });
});

describe("a server name with reserved characters", () => {
  const everything = { name: "mcp-servers/everything", version: "2.0.0" };
  const warnings: object[] = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (obj: object) => warnings.push(obj),
    error: () => undefined,
  };

  function engineWith(allowlist: string[]) {
    const sink = createMemoryAuditSink();
    const engine = createDecisionEngine(
      { surface: "middleware", clock: createFixedClock(), logger },
      {
        policySource: createInlinePolicySource({
          tenant: "acme",
          tools: { allowlist },
          enforcement: { deny_on: ["tool_not_in_allowlist"] },
        }),
        auditSink: sink,
      },
    );
    return { engine, sink };
  }

  it("is percent-encoded in target_tool_ref, and that text pasted into the allowlist allows the call", async () => {
    const first = engineWith([]);
    await first.engine.govern({ server: everything, tool: "echo", args: {} }, async () => "never");
    await first.engine.close();
    const pasted = first.sink.records[0]?.target_tool_ref as string;
    expect(pasted).toBe("mcp://mcp-servers%2Feverything/echo@2.0.0");

    const second = engineWith([pasted]);
    const listed = await second.engine.filterToolList(everything, [{ name: "echo" }, { name: "add" }]);
    const outcome = await second.engine.govern(
      { server: everything, tool: "echo", args: {} },
      async () => "ran",
    );
    await second.engine.close();
    expect(listed.map((tool) => tool.name)).toEqual(["echo"]);
    expect(outcome).toMatchObject({ status: "ok", result: "ran" });
  });

  it("warns once per list when an entry spells the server without encoding it", async () => {
    warnings.length = 0;
    const { engine } = engineWith(["mcp://mcp-servers/everything/*"]);
    const listed = await engine.filterToolList(everything, [{ name: "echo" }, { name: "add" }]);
    await engine.close();
    expect(listed).toEqual([]);
    expect(warnings).toEqual([
      {
        entry: "mcp://mcp-servers/everything/*",
        server: "mcp-servers/everything",
        write: "mcp://mcp-servers%2Feverything/*",
      },
    ]);
  });
});
