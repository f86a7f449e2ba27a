import type { Decision } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { Refusal } from "../engine/engine-types.js";
import { explainDenial } from "../engine/explain-denial.js";
import { createRefusal } from "../engine/refusal.js";
import { mergeRuntimeDecision } from "../runtime/merge-runtime-decision.js";
import type { InputChecks } from "./check-input.js";
import { consultRuntime } from "./consult-runtime.js";
import { settleEscalation } from "./settle-escalation.js";

/** A call that may run, with the decision that let it, or the refusal that stops it. */
export type CallDecision =
  | { readonly status: "go"; readonly decision: Decision; readonly approvalId?: string }
  | { readonly status: "refused"; readonly refusal: Refusal; readonly escalationError?: string };

/**
 * Step 4: the decision — the input checks' verdict, merged with the remote runtime's when one is
 * configured (the stricter wins; see `mergeRuntimeDecision`); a deny refuses, an escalation waits
 * for a human unless a valid approval token for this exact call came with it.
 */
export function decideCall(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  input: InputChecks,
): CallDecision | Promise<CallDecision> {
  // Without a remote runtime an allowed or denied call is decided synchronously: no promise on the
  // hot path.
  if (engine.options.adapters?.runtime?.mode !== "remote")
    return settle(engine, start, snapshot, input, input.decision);
  return consultRuntime(engine, start, snapshot, input).then((remote) => {
    const decision =
      remote === undefined
        ? input.decision
        : mergeRuntimeDecision(input.decision, remote, {
            faults: input.faults,
            remoteMayOverride: snapshot.compiled.remoteMayOverride,
          });
    return settle(engine, start, snapshot, input, decision);
  });
}

function settle(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  input: InputChecks,
  decision: Decision,
): CallDecision | Promise<CallDecision> {
  if (decision.action === "deny")
    return { status: "refused", refusal: denial(start, snapshot, decision, decision !== input.decision) };
  if (decision.action !== "escalate") return { status: "go", decision };
  return settleEscalation(engine, start, snapshot, decision, input.findings).then((settled) =>
    settled.status === "approved" ? { status: "go", decision, approvalId: settled.approvalId } : settled,
  );
}

/**
 * The refusal of a deny: what was checked and the rule that denied (computed only here, off the
 * allowed path). `isRemote` when the remote runtime's answer, not the local one, decided.
 */
function denial(start: CallStart, snapshot: PolicySnapshot, decision: Decision, isRemote: boolean): Refusal {
  const explained = explainDenial(start, snapshot, decision, isRemote);
  const unavailable = decision.escalationUnavailable
    ? " It needs a human decision, but no escalation channel is configured."
    : "";
  const detail = `${explained.checked ?? ""}${unavailable} ${explained.rule}`.trim();
  const reason = decision.reason ?? "evaluation_error";
  return createRefusal("deny", reason, decision.reasons, {
    detail,
    ...(explained.meaning === undefined ? {} : { meaning: explained.meaning }),
  });
}
