// The hop runner: what every sec0.* decorator and sec0.wrap.* wrapper calls, listed by name.

export { buildHopEnvelope, type HopRecordInput } from "./build-hop-envelope.js";
export {
  type DecideHopWith,
  decideHop,
  type HopDecision,
  type HopPolicyDecision,
  policyDecisionOf,
} from "./decide-hop.js";
export { appendHopRecord, auditSinkFor, closeHopAudit, flushHopAudit } from "./hop-audit-sink.js";
export { hopDeniedError } from "./hop-denied-error.js";
export { digestOf } from "./hop-digest.js";
export { type HopNodeType, hopNodeType, isAgentHop } from "./hop-node-type.js";
export { HOP_TRACER_NAME } from "./hop-span.js";
export { type HopCallKind, hopCallKindOf } from "./policy/hop-call-kind.js";
export { closeHopPolicies } from "./policy/hop-policy-store.js";
export {
  type WarmHopPolicyOptions,
  type WarmHopPolicyResult,
  warmHopPolicy,
} from "./policy/warm-hop-policy.js";
export { type HopCallContext, type IncomingHeaders, readIncoming } from "./read-incoming.js";
export { type HopCall, runHop } from "./run-hop.js";
export type { HopRedaction, RunHopOptions } from "./run-hop-options.js";
