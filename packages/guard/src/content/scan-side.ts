import { type Severity, severityRank } from "@sec0/core";
import { type Finding, type GuardVerdict, maskMiddle } from "@sec0/evaluator";
import {
  type CompiledPolicy,
  type ComplianceFinding,
  type ComplianceJudge,
  type ComplianceResult,
  evaluateCompliance,
} from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { EffectiveAgentGuard } from "./guard-cache.js";

/** What the content checks found on one side of a call. */
export interface ScanOutcome {
  readonly reasons: readonly string[];
  readonly faults: readonly string[];
  /** Reasons a judge failure must escalate (`on_judge_error: escalate`). */
  readonly escalate: readonly string[];
  readonly findings: readonly AuditFinding[];
  /** The detector findings as the evaluator reports them (for the contextual evaluator). */
  readonly detectorFindings: readonly Finding[];
  /** The redacted value when redaction applied. */
  readonly redacted?: unknown;
}

const EMPTY: ScanOutcome = { reasons: [], faults: [], escalate: [], findings: [], detectorFindings: [] };

/**
 * Runs Agent Guard and the compliance packs on one side of a call. Compliance findings count
 * toward the guard's thresholds too, as in 0.2.3 (they were Agent Guard findings there), with the
 * effective settings of `agentGuard` (options over policy over defaults). Returns synchronously
 * when the policy has no compliance rules (the common case: no promise per call).
 */
export function scanSide(
  side: "input" | "output",
  value: unknown,
  compiled: CompiledPolicy,
  agentGuard: EffectiveAgentGuard,
  judge: ComplianceJudge | undefined,
): ScanOutcome | Promise<ScanOutcome> {
  const { settings, guard } = agentGuard;
  const scanThisSide = side === "input" ? settings.scanInputs : settings.scanOutputs;
  const verdict = guard !== undefined && scanThisSide ? guard.scan(value, side) : undefined;
  if (compiled.compliance.rules.length === 0) return outcomeOf(agentGuard, verdict, undefined);
  return evaluateCompliance(
    compiled.compliance,
    side === "input" ? { input: value } : { output: value },
    judge === undefined ? {} : { judge },
  ).then((compliance) => outcomeOf(agentGuard, verdict, compliance));
}

function outcomeOf(
  agentGuard: EffectiveAgentGuard,
  verdict: GuardVerdict | undefined,
  compliance: ComplianceResult | undefined,
): ScanOutcome {
  if (verdict === undefined && compliance === undefined) return EMPTY;
  const findings = [...guardFindings(verdict), ...complianceFindings(compliance)];
  const reasons = new Set<string>();
  if (verdict?.decision === "block" || complianceBlocks(agentGuard, compliance, verdict)) {
    reasons.add("agent_guard_failed");
  }
  for (const reason of compliance?.reasons ?? []) reasons.add(reason);
  return {
    reasons: [...reasons],
    faults: [...(compliance?.faults ?? [])],
    escalate: [...(compliance?.escalate ?? [])],
    findings,
    detectorFindings: verdict?.findings ?? [],
    ...(verdict?.redacted === undefined ? {} : { redacted: verdict.redacted }),
  };
}

function complianceBlocks(
  { settings, guard }: EffectiveAgentGuard,
  compliance: ComplianceResult | undefined,
  verdict: GuardVerdict | undefined,
): boolean {
  if (guard === undefined || compliance === undefined || compliance.findings.length === 0) return false;
  const threshold: Severity = settings.blockOnSeverity;
  if (compliance.findings.some((finding) => severityRank(finding.severity) >= severityRank(threshold)))
    return true;
  const count = settings.blockOnCount;
  const blocking =
    (verdict?.findings.filter((f) => f.action === "block").length ?? 0) + compliance.findings.length;
  return count !== undefined && blocking >= count;
}

function guardFindings(verdict: GuardVerdict | undefined): AuditFinding[] {
  return (verdict?.findings ?? []).map((finding) => ({
    code: finding.code,
    severity: finding.severity,
    ...(finding.location === undefined ? {} : { location: finding.location }),
    path: finding.path,
    message: finding.message,
    evidence: finding.evidence,
    ...(finding.ruleId === undefined ? {} : { rule_id: finding.ruleId }),
  }));
}

function complianceFindings(result: ComplianceResult | undefined): AuditFinding[] {
  return (result?.findings ?? []).map((finding: ComplianceFinding) => ({
    code: finding.code,
    severity: finding.severity,
    location: finding.location,
    message: finding.message,
    // Regex rule evidence is the raw match with context; it may hold the very secret the rule found.
    evidence: maskMiddle(finding.evidence),
    rule_id: `${finding.pack_id}:${finding.rule_id}`,
  }));
}
