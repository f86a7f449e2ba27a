import type { PolicySnapshot } from "@sec0/policy";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { Refusal } from "../engine/engine-types.js";
import { createRefusal } from "../engine/refusal.js";

/**
 * Step 2: the policy in force for this call, for the calling node when it named one (a per-agent
 * policy of the control plane applies to that node only). Without a policy nothing can be
 * allowed: the call is refused with `policy_fetch_failed` (fail closed).
 */
export async function resolvePolicy(
  engine: EngineContext,
  start: CallStart,
): Promise<{ readonly snapshot: PolicySnapshot } | { readonly refusal: Refusal }> {
  const nodeId = start.agent?.nodeId;
  try {
    return { snapshot: await engine.deps.policySource.get(nodeId === undefined ? {} : { nodeId }) };
  } catch (error) {
    engine.logger.warn({ err: (error as Error)?.message, tool: start.toolRef }, "sec0 policy unavailable");
    return { refusal: createRefusal("deny", "policy_fetch_failed", ["policy_fetch_failed"]) };
  }
}
