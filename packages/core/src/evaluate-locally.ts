import {
  RUNTIME_PROTOCOL_VERSION,
  type RuntimeDecisionOutput,
  type RuntimeDecisionRequest,
  type RuntimeEvaluationSource,
} from "./contracts/runtime-decision.js";
import { decide } from "./decide.js";

/** Why a remote evaluation failed. */
export interface RuntimeFailure {
  readonly kind: "timeout" | "network" | "http" | "invalid_response";
  /** HTTP status, for `http` and `invalid_response`. */
  readonly status?: number;
  readonly attempts: number;
}

/** A runtime decision; `failure` is set when a failure mode produced it. */
export type RuntimeEvaluation = RuntimeDecisionOutput & { readonly failure?: RuntimeFailure };

/** Options of one evaluation. */
export interface RuntimeEvaluateOptions {
  /** Whether an escalation channel exists (local decisions turn an escalation into a deny without one). */
  readonly escalationAvailable?: boolean;
}

/**
 * Decides a runtime request with the local algebra (`decide`): `deny_on_any` denies on every
 * reason, `forceDeny` denies when there is any reason, `escalateOn` escalates, and any of
 * `input.faults` denies in enforce mode (fail closed).
 *
 * @example
 * evaluateLocally(request).decision; // "allow" | "deny" | "escalate"
 */
export function evaluateLocally(
  request: RuntimeDecisionRequest,
  options: RuntimeEvaluateOptions = {},
  source: { adapterMode: "local" | "remote"; evaluationSource: RuntimeEvaluationSource } = {
    adapterMode: "local",
    evaluationSource: "local",
  },
): RuntimeEvaluation {
  const { enforcement, input } = request;
  const decision = decide({
    mode: enforcement.mode,
    denyOn: enforcement.strategy === "deny_on_any" ? input.reasons : enforcement.denyOn,
    escalateOn: enforcement.escalateOn ?? [],
    reasons: input.reasons,
    faults: input.faults ?? [],
    escalationAvailable: options.escalationAvailable ?? false,
  });
  const forced = enforcement.forceDeny && decision.reasons.length > 0;
  const action = forced ? "deny" : decision.action;
  const reason = forced ? decision.reasons[0] : decision.reason;
  return {
    protocolVersion: RUNTIME_PROTOCOL_VERSION,
    ...source,
    decision: action,
    ...(reason === undefined ? {} : { reason }),
    reasons: [...decision.reasons],
    obligations: [],
    auditRefs: [],
  };
}
