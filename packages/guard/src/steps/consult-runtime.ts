import type { PolicySnapshot } from "@sec0/policy";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import { executionLayerOf } from "../engine/engine-types.js";
import type { RemoteDecision } from "../runtime/merge-runtime-decision.js";
import type { InputChecks } from "./check-input.js";

/**
 * Asks the remote runtime for its decision when one is configured in `remote` mode; the local
 * decision's reasons, the evaluation's faults (`input.faults`) and the call's risk tags are its
 * input. Its failure mode answers when it is unreachable (see `createRuntimeClient`); the caller
 * merges the answer with the local decision (`mergeRuntimeDecision`).
 */
export async function consultRuntime(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  input: InputChecks,
): Promise<RemoteDecision | undefined> {
  const runtime = engine.options.adapters?.runtime;
  if (runtime === undefined || runtime.mode !== "remote") return undefined;
  const { compiled } = snapshot;
  const { ref, agent } = start;
  const local = input.decision;
  const evaluation = await runtime.evaluate(
    {
      protocolVersion: "2026-02-01",
      requestId: `${start.toolRef}:${Date.now().toString(36)}`,
      context: {
        integrationSurface: "sec0",
        executionLayer: executionLayerOf(engine.options.surface),
        tenant: compiled.tenant,
        server: start.call.server.name,
        tool: ref.version === undefined ? ref.tool : `${ref.tool}@${ref.version}`,
        ...(agent?.nodeId === undefined ? {} : { nodeId: agent.nodeId }),
        ...(agent?.runId === undefined ? {} : { runId: agent.runId }),
      },
      enforcement: {
        mode: compiled.mode,
        strategy: "deny_on_match",
        denyOn: [...compiled.denyOn],
        escalateOn: [...compiled.escalateOn],
        forceDeny: false,
      },
      input: {
        reasons: [...local.reasons],
        riskTags: [...input.riskTags],
        attributes: {},
        // Optional on the wire: a 0.2.3 service ignores it, and the merge keeps the local deny.
        ...(input.faults.length === 0 ? {} : { faults: [...new Set(input.faults)] }),
      },
    },
    { escalationAvailable: engine.options.adapters?.escalationReporter !== undefined },
  );
  return {
    source: evaluation.evaluationSource,
    decision: {
      action: evaluation.decision,
      ...(evaluation.reason === undefined ? {} : { reason: evaluation.reason }),
      reasons: evaluation.reasons.length > 0 ? evaluation.reasons : local.reasons,
      mode: compiled.mode,
    },
  };
}
