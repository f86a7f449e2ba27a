// The bridge between OpenClaw's two tool hooks and the engine's one `govern` call.
import type { DecisionEngine, GovernedCall, GovernedOutcome } from "@sec0/guard";
import { describe, expect, it } from "vitest";
import { openToolCall } from "./open-tool-call.js";

const call: GovernedCall = { server: { name: "openclaw" }, tool: "read_file", args: { path: "a.md" } };
const allow = { action: "allow", reasons: [], mode: "enforce" } as const;

/** An engine whose `govern` runs `execute` after `delayMs` and reports what it returned or threw. */
function engineRunningAfter(delayMs: number, seen: unknown[]): DecisionEngine {
  return {
    govern: async (_call, execute): Promise<GovernedOutcome> => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      try {
        const result = await execute(call.args, { traceId: "t", spanId: "s" });
        seen.push({ result });
        return { status: "ok", result, decision: allow };
      } catch (error) {
        seen.push({ error: (error as Error).message });
        throw error;
      }
    },
  } as DecisionEngine;
}

describe("openToolCall", () => {
  it("answers run once the engine reaches execute, and hands it the tool's result on settle", async () => {
    const seen: unknown[] = [];
    const opened = await openToolCall(engineRunningAfter(0, seen), call, 1000);
    expect(opened.status).toBe("run");
    expect(seen).toEqual([]); // the engine waits for the tool's result
    if (opened.status === "run") await opened.settle({ result: "# notes" });
    expect(seen).toEqual([{ result: "# notes" }]);
  });

  it("records a tool's reported failure as the engine's execute error", async () => {
    const seen: unknown[] = [];
    const opened = await openToolCall(engineRunningAfter(0, seen), call, 1000);
    if (opened.status === "run") await opened.settle({ error: "ENOENT" });
    expect(seen).toEqual([{ error: "ENOENT" }]);
  });

  it("passes a refusal through without running anything", async () => {
    const refusal = {
      reason: "tool_not_in_allowlist",
      message: "no",
      decision: "deny",
      reasons: [],
    } as const;
    const engine = { govern: async () => ({ status: "refused", refusal }) } as unknown as DecisionEngine;
    expect(await openToolCall(engine, call, 1000)).toEqual({ status: "refused", refusal });
  });

  it("times out when the engine does not decide in time; a late execute then fails instead of waiting", async () => {
    const seen: unknown[] = [];
    expect(await openToolCall(engineRunningAfter(80, seen), call, 20)).toEqual({ status: "timeout" });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(seen).toEqual([{ error: "sec0 blocked the call: no decision within 20 ms" }]);
  });

  it("rejects when the engine fails before deciding (the hook then fails closed)", async () => {
    const engine = { govern: async () => Promise.reject(new Error("broken")) } as unknown as DecisionEngine;
    await expect(openToolCall(engine, call, 1000)).rejects.toThrow("broken");
  });
});
