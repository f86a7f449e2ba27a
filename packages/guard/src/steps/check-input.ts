import { type Decision, decide } from "@sec0/core";
import { evaluatePolicy, type PolicyEvaluation, type PolicySnapshot } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import { type ScanOutcome, scanSide } from "../content/scan-side.js";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import { checkIntegrity, type IntegrityCheck } from "./check-integrity.js";
import { checkScans, type ScanChecks } from "./check-scans.js";
import { consultEvaluator, type EvaluatorOpinion, NO_OPINION } from "./consult-evaluator.js";

/** The outcome of every check made on a call's input, and the decision they lead to. */
export interface InputChecks {
  /** The policy's decision over every input reason and fault (core's algebra). */
  readonly decision: Decision;
  readonly sideEffect: boolean;
  readonly findings: readonly AuditFinding[];
  readonly riskTags: readonly string[];
  /**
   * Failures of the evaluation itself (`agent_state_invalid`, `evaluation_error`, …): they deny in
   * enforce mode, and travel to a remote runtime so that no other decision lifts them.
   */
  readonly faults: readonly string[];
}

/**
 * Step 3: every check that can be made before anything runs (docs/principles.md, principle 2) — integrity
 * (registry, definition pinning), content (Agent Guard detectors and compliance rules on the
 * input), the static policy checks (allowlist, pinning, idempotency, payload, egress and paths),
 * and the contextual evaluator — decided through core's algebra.
 * @throws {Sec0Error} for a malformed idempotency key (the pipeline turns it into `evaluation_error`).
 */
export function checkInput(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
): InputChecks | Promise<InputChecks> {
  if (start.idempotencyError !== undefined) throw start.idempotencyError;
  const integrity = checkIntegrity(engine, start);
  const scans = checkScans(engine, start, snapshot);
  return scans instanceof Promise
    ? scans.then((checked) => checkContent(engine, start, snapshot, integrity, checked))
    : checkContent(engine, start, snapshot, integrity, scans);
}

/** The content checks (Agent Guard, compliance) of the input, then the policy's evaluation. */
function checkContent(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  integrity: IntegrityCheck,
  scans: ScanChecks,
): InputChecks | Promise<InputChecks> {
  const { compiled } = snapshot;
  const agentGuard = engine.guardFor(compiled);
  const withScans = withScanResults(integrity, scans, compiled.escalateOn);
  const scanned = scanSide("input", start.context.args, compiled, agentGuard, engine.options.adapters?.judge);
  return scanned instanceof Promise
    ? scanned.then((input) => evaluateInput(engine, start, snapshot, withScans, input))
    : evaluateInput(engine, start, snapshot, withScans, scanned);
}

/**
 * The integrity facts with the security hooks' verdict added: a scan reason the policy escalates
 * is a reason (a person may approve the changed code); any other blocks as a fault, whether or
 * not `deny_on` lists it (the hook's own thresholds already decided), `would_deny` in observe.
 */
function withScanResults(
  integrity: IntegrityCheck,
  scans: ScanChecks,
  escalateOn: readonly string[],
): IntegrityCheck {
  if (scans.reasons.length === 0) return integrity;
  const escalated = scans.reasons.filter((reason) => escalateOn.includes(reason));
  const blocking = scans.reasons.filter((reason) => !escalateOn.includes(reason));
  return {
    ...integrity,
    reasons: [...integrity.reasons, ...escalated],
    faults: [...(integrity.faults ?? []), ...blocking],
    findings: [...integrity.findings, ...scans.findings],
  };
}

/** The static policy checks over the integrity and content results, then the contextual evaluator. */
function evaluateInput(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  integrity: IntegrityCheck,
  input: ScanOutcome,
): InputChecks | Promise<InputChecks> {
  const { compiled } = snapshot;
  const escalationAvailable = engine.options.adapters?.escalationReporter !== undefined;
  const { call } = start;
  const reasons =
    call.reasons === undefined
      ? [...integrity.reasons, ...input.reasons]
      : [...integrity.reasons, ...input.reasons, ...call.reasons];
  const surfaceFaults = call.faults === undefined ? input.faults : [...input.faults, ...call.faults];
  const ownFaults = integrity.faults === undefined ? surfaceFaults : [...surfaceFaults, ...integrity.faults];
  const faults = start.agentError === undefined ? [...ownFaults] : ["agent_state_invalid", ...ownFaults];
  const evaluation = evaluatePolicy(compiled, {
    tool: start.ref,
    args: start.context.args,
    ...(start.idempotency === undefined ? {} : { idempotencyKey: start.idempotency.key }),
    ...(start.agent === undefined ? {} : { nodeId: start.agent.nodeId }),
    ...(integrity.definition?.annotations === undefined
      ? {}
      : { annotations: integrity.definition.annotations as never }),
    // The listed schema tells which arguments are URLs (`format: uri`); read only with fs/egress rules.
    ...(integrity.definition?.inputSchema === undefined
      ? {}
      : { inputSchema: integrity.definition.inputSchema }),
    extraReasons: reasons,
    faults,
    escalationAvailable,
  });
  const judged = {
    compiled,
    evaluation,
    reasons,
    faults,
    input: withIntegrityFindings(input, integrity),
    escalationAvailable,
  };
  if (engine.contextual === undefined) return combine(judged, NO_OPINION);
  return consultEvaluator(engine, start, evaluation.sideEffect, input.detectorFindings).then((opinion) =>
    combine(judged, opinion),
  );
}

interface Judged {
  readonly compiled: PolicySnapshot["compiled"];
  readonly evaluation: PolicyEvaluation;
  readonly reasons: readonly string[];
  readonly faults: readonly string[];
  readonly input: ScanOutcome;
  readonly escalationAvailable: boolean;
}

/** The input decision: the static one, unless the evaluator or a judge failure adds to it. */
function combine(judged: Judged, opinion: EvaluatorOpinion): InputChecks {
  const { compiled, evaluation, reasons, faults, input, escalationAvailable } = judged;
  const { sideEffect } = evaluation;
  const riskTags = opinion.riskTag === undefined ? [] : [opinion.riskTag];
  if (opinion.reason === undefined && opinion.fault === undefined && input.escalate.length === 0) {
    return { sideEffect, findings: input.findings, decision: evaluation.decision, riskTags, faults };
  }
  const allFaults = opinion.fault === undefined ? faults : [...faults, opinion.fault];
  // Contextual verdicts and judge failures act without being listed in deny_on / escalate_on.
  const denied = opinion.reason === "contextual_evaluator_denied";
  const decision = decide({
    mode: compiled.mode,
    denyOn: denied ? [...compiled.denyOn, opinion.reason as string] : compiled.denyOn,
    escalateOn:
      opinion.reason === undefined || denied
        ? [...compiled.escalateOn, ...input.escalate]
        : [...compiled.escalateOn, ...input.escalate, opinion.reason],
    reasons:
      opinion.reason === undefined
        ? [...evaluation.violations, ...reasons]
        : [...evaluation.violations, ...reasons, opinion.reason],
    faults: allFaults,
    escalationAvailable,
  });
  return { sideEffect, findings: input.findings, decision, riskTags, faults: allFaults };
}

/** The content findings with a poisoned definition's findings first (a new object only then). */
function withIntegrityFindings(input: ScanOutcome, integrity: IntegrityCheck): ScanOutcome {
  if (integrity.findings.length === 0) return input;
  return { ...input, findings: [...integrity.findings, ...input.findings] };
}
