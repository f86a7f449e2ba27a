import type { Decision } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { ExecuteTool, Refusal } from "../engine/engine-types.js";
import { createRefusal } from "../engine/refusal.js";
import { executeIdempotently } from "../idempotency/execute-idempotently.js";
import { runInToolSpan } from "../telemetry/tool-span.js";

/** How running the tool went. */
export type Execution =
  | { readonly status: "ran"; readonly result: unknown; readonly replayed: boolean }
  | { readonly status: "refused"; readonly refusal: Refusal }
  /** The tool itself threw: recorded, then rethrown unchanged to the caller. */
  | { readonly status: "failed"; readonly error: unknown };

/** True for an MCP tool result that reports its own failure (`isError: true`). */
export function isToolError(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { isError?: unknown }).isError === true;
}

/**
 * Step 5: runs the tool — unless its circuit breaker is open (a protective refusal, not a policy
 * decision) — at most once per idempotency key for side effects: a replay returns the recorded
 * result, the same key with other arguments or still running is `idempotency_conflict`.
 */
export async function executeCall(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  decision: Decision,
  sideEffect: boolean,
  execute: ExecuteTool,
): Promise<Execution> {
  const { clock } = engine;
  const key = start.toolRef;
  const breaker = engine.breakerFor(snapshot);
  const gate = breaker?.check(key);
  if (gate !== undefined && !gate.allowed) {
    const reasons = [...decision.reasons, "circuit_open"];
    return {
      status: "refused",
      refusal: createRefusal("deny", "circuit_open", reasons, { retryAfterMs: gate.retryAfterMs }),
    };
  }
  const run = async (): Promise<unknown> => {
    const t0 = clock.now();
    try {
      const value = await runInToolSpan(start.span, () => execute(start.context.args));
      breaker?.record(key, { ok: !isToolError(value), latencyMs: clock.now() - t0 });
      return value;
    } catch (error) {
      breaker?.record(key, { ok: false, latencyMs: clock.now() - t0 });
      throw error;
    }
  };
  try {
    if (!sideEffect || start.idempotency === undefined)
      return { status: "ran", result: await run(), replayed: false };
    const outcome = await executeIdempotently(
      engine.store,
      {
        key: `${snapshot.compiled.tenant}|${start.idempotency.key}`,
        args: { toolRef: start.toolRef, args: start.context.args },
      },
      run,
    );
    if (outcome.status === "executed" || outcome.status === "replayed") {
      return { status: "ran", result: outcome.result, replayed: outcome.status === "replayed" };
    }
    const reasons = [...decision.reasons, "idempotency_conflict"];
    const extra =
      outcome.status === "in_flight" ? { retryAfterMs: 1000, detail: "The same key is still running." } : {};
    return { status: "refused", refusal: createRefusal("deny", "idempotency_conflict", reasons, extra) };
  } catch (error) {
    return { status: "failed", error };
  }
}
