import type { Decision, ResolvedIdempotencyKey } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { ExecuteTool, Refusal } from "../engine/engine-types.js";
import { createRefusal } from "../engine/refusal.js";
import { executeIdempotently } from "../idempotency/execute-idempotently.js";
import { scopeIdempotencyKey } from "../idempotency/scope-idempotency-key.js";
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
 * decision) — at most once per tenant, node and idempotency key for side effects: a replay returns
 * the recorded result, the same key with other arguments or still running is
 * `idempotency_conflict`, a full store is `idempotency_store_full` and an unreachable one
 * `evaluation_error` (both deny whatever the mode: running unrecorded would break at-most-once).
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
      const hop = { traceId: start.span.traceId, spanId: start.span.spanId };
      const value = await runInToolSpan(start.span, () => execute(start.context.args, hop));
      breaker?.record(key, { ok: !isToolError(value), latencyMs: clock.now() - t0 });
      return value;
    } catch (error) {
      breaker?.record(key, { ok: false, latencyMs: clock.now() - t0 });
      throw error;
    }
  };
  try {
    // Reads, and side effects without a key, never touch the store.
    if (!sideEffect || start.idempotency === undefined)
      return { status: "ran", result: await run(), replayed: false };
    return await runAtMostOnce(engine, start, snapshot, decision, run);
  } catch (error) {
    return { status: "failed", error };
  }
}

/** A keyed side effect: run once per tenant, node and key; a replay returns the recorded result. */
async function runAtMostOnce(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  decision: Decision,
  run: () => Promise<unknown>,
): Promise<Execution> {
  const scope = { tenant: snapshot.compiled.tenant, nodeId: start.agent?.nodeId };
  const outcome = await executeIdempotently(
    engine.store,
    {
      key: scopeIdempotencyKey(scope, (start.idempotency as ResolvedIdempotencyKey).key),
      args: { toolRef: start.toolRef, args: start.context.args },
      ttlMs: snapshot.compiled.idempotencyTtlMs,
    },
    run,
  );
  switch (outcome.status) {
    case "executed":
      if (outcome.recordError !== undefined) {
        const err = (outcome.recordError as Error)?.message ?? String(outcome.recordError);
        engine.logger.warn({ err, tool: start.toolRef }, "sec0 idempotency result not recorded");
      }
      return { status: "ran", result: outcome.result, replayed: false };
    case "replayed":
      return { status: "ran", result: outcome.result, replayed: true };
    case "unavailable": {
      const err = (outcome.error as Error)?.message ?? String(outcome.error);
      engine.logger.error({ err, tool: start.toolRef }, "sec0 idempotency store unavailable");
      const detail = "The idempotency store could not be reached, so the side effect did not run.";
      return refused("evaluation_error", [...decision.reasons, "evaluation_error"], { detail });
    }
    case "full":
      return refused(outcome.reason, [...decision.reasons, outcome.reason]);
    case "in_flight":
      return refused(
        "idempotency_conflict",
        [...decision.reasons, "idempotency_conflict"],
        { retryAfterMs: 1000, detail: "The same key is still running." },
        "in_flight",
      );
    default:
      return refused(outcome.reason, [...decision.reasons, outcome.reason], {}, "arguments_differ");
  }
}

function refused(
  reason: string,
  reasons: readonly string[],
  extra: { retryAfterMs?: number; detail?: string } = {},
  idempotency?: "in_flight" | "arguments_differ",
): Execution {
  const refusal = createRefusal("deny", reason, reasons, extra);
  return { status: "refused", refusal: idempotency === undefined ? refusal : { ...refusal, idempotency } };
}
