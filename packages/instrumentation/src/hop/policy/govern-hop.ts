// A hop's decision with the control plane: the policy (cached, or awaited at an async call's
// first run), merged with the hop's config, and an escalation a human resolves.
import type { Clock } from "@sec0/core";
import type { AppProfile, HopConfig } from "../../hop-types.js";
import { decideHop, type HopDecision } from "../decide-hop.js";
import { deferGenerator } from "./defer-generator.js";
import { errorCodesOf } from "./error-codes-of.js";
import { escalateHop } from "./escalate-hop.js";
import type { HopCallKind } from "./hop-call-kind.js";
import type { HopControlPlane } from "./hop-control-plane.js";
import { type HopPolicy, mergeHopPolicy } from "./hop-policy.js";
import { type HopPolicyHandle, hopPolicyHandle } from "./hop-policy-store.js";

/** One call to decide. */
export interface GovernHopInput {
  readonly profile: AppProfile;
  readonly hop: HopConfig;
  readonly reasons: readonly string[];
  readonly kind: HopCallKind;
  /** The caller's arguments (an approval is bound to their digest). */
  readonly args: readonly unknown[];
  /** The run of the call (the escalation's `agentRef`). */
  readonly runId: string;
  readonly clock?: Clock;
}

/**
 * Decides `input` with the control-plane policy and calls `start(decision)`, which runs (or
 * refuses) the function. With a cached policy that allows, `start` is called at once; a sync
 * call never waits (no cached policy: fail closed, `policyNotReady`); an async call awaits the
 * first fetch and a human's verdict, and is refused by a rejection; an async generator gets a
 * generator that decides at its first `next()`.
 *
 * @example
 * return governHop({ profile, hop, reasons, kind: "async", runId }, controlPlane, (decision) => run(decision));
 */
export function governHop<T>(
  input: GovernHopInput,
  controlPlane: HopControlPlane,
  start: (decision: HopDecision) => T,
): T {
  const handle = hopPolicyHandle(input.profile, input.hop, controlPlane, input.clock);
  const cached = handle.peek();
  if (input.kind === "sync") return start(decideSync(input, handle, cached));
  if (cached !== undefined) {
    const decision = decideWithPolicy(input, cached, true);
    if (decision.action === "allow") return start(decision);
    // An async function never throws at the call: its refusal is a rejection.
    if (decision.action === "deny") return later(input.kind, async () => start(decision));
  }
  return later(input.kind, async () => start(await decideAsync(input, controlPlane, handle)));
}

/** The promise of an async call, or the generator of an async generator, that `run` decides. */
function later<T>(kind: HopCallKind, run: () => Promise<T>): T {
  if (kind === "async-generator") return deferGenerator(run as () => Promise<AsyncGenerator<unknown>>) as T;
  return run() as T;
}

function decideSync(
  input: GovernHopInput,
  handle: HopPolicyHandle,
  cached: HopPolicy | undefined,
): HopDecision {
  if (cached === undefined) {
    if (handle.fallbackToBase)
      return { ...decideHop(input.hop, input.reasons), policySource: "local-fallback" };
    // Fetched in the background, so a later call (or warmHopPolicy) finds it.
    void handle.load().catch(() => {});
    return {
      ...decideHop(input.hop, input.reasons, { faults: ["policy_fetch_failed"] }),
      policyNotReady: true,
    };
  }
  const decision = decideWithPolicy(input, cached, false);
  return decision.escalationUnavailable === true ? { ...decision, syncEscalation: true } : decision;
}

async function decideAsync(
  input: GovernHopInput,
  controlPlane: HopControlPlane,
  handle: HopPolicyHandle,
): Promise<HopDecision> {
  let policy: HopPolicy;
  try {
    policy = await handle.load();
  } catch (error) {
    const policyErrorCodes = errorCodesOf(error);
    if (handle.fallbackToBase) {
      return { ...decideHop(input.hop, input.reasons), policySource: "local-fallback", policyErrorCodes };
    }
    return { ...decideHop(input.hop, input.reasons, { faults: ["policy_fetch_failed"] }), policyErrorCodes };
  }
  const decision = decideWithPolicy(input, policy, true);
  if (decision.action !== "escalate") return decision;
  const escalation = await escalateHop(input.profile, controlPlane, {
    hop: input.hop,
    decision,
    runId: input.runId,
    args: input.args,
    policyHash: policy.hash,
  });
  return { ...decision, action: escalation.status === "approved" ? "allow" : "deny", escalation };
}

function decideWithPolicy(input: GovernHopInput, policy: HopPolicy, canEscalate: boolean): HopDecision {
  const decision = decideHop(input.hop, input.reasons, {
    lists: mergeHopPolicy(input.hop, policy),
    escalationAvailable: canEscalate,
  });
  return {
    ...decision,
    policyHash: policy.hash,
    policySource: policy.source,
    ...(policy.retention === undefined ? {} : { retention: policy.retention }),
  };
}
