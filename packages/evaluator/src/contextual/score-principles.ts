import type { ActionFacts } from "./action-facts.js";
import { classificationRank } from "./action-facts.js";
import type { EvaluatorInput, EvaluatorOutput, Principle } from "./schema.js";

/** Principles flagged by the local rules: the weight of each (its strongest hit) and the evidence. */
export interface PrincipleScores {
  /** In the order the principles were first hit. */
  readonly weights: ReadonlyMap<Principle, number>;
  readonly evidence: EvaluatorOutput["evidence"];
}

type Hit = (principle: Principle, weight: number, label: string, detail: string, path?: string) => void;

const SEVERITY_WEIGHT: Record<string, number> = { critical: 0.4, high: 0.3, medium: 0.2, low: 0.12 };
const HARD_DENY = /secret|prompt_injection|command_unsafe|malicious|data_exfil|ssn|credit_card/;
/** Shorter justifications do not count as one. */
const MIN_JUSTIFICATION = 24;

/**
 * Runs the local rules of sec0-sdk 0.2.3 over an input, in a fixed order (so the evidence and
 * the principles always come out in the same order).
 */
export function scorePrinciples(input: EvaluatorInput, facts: ActionFacts): PrincipleScores {
  const weights = new Map<Principle, number>();
  const evidence: EvaluatorOutput["evidence"] = [];
  const hit: Hit = (principle, weight, label, detail, path) => {
    weights.set(principle, Math.max(weights.get(principle) ?? 0, weight));
    evidence.push({ label, detail, ...(path ? { path } : {}) });
  };
  checkAuthority(input, facts, hit);
  checkBoundaries(input, facts, hit);
  checkSources(input, facts, hit);
  checkPreconditions(input, facts, hit);
  checkDisclosure(input, facts, hit);
  for (const finding of input.detectorFindings) checkDetectorFinding(finding, hit);
  return { weights, evidence };
}

function checkAuthority(input: EvaluatorInput, facts: ActionFacts, hit: Hit): void {
  const allowed = input.authority.allowedBoundaries.map((b) => b.toLowerCase());
  if (facts.boundary && allowed.length > 0 && !allowed.includes(facts.boundary))
    hit("authority_scope_mismatch", 0.35, "boundary not allowed", facts.boundary, "action.target.boundary");
  if (facts.missingScopes.length > 0)
    hit(
      "authority_scope_mismatch",
      0.25,
      "missing scopes",
      facts.missingScopes.join(", "),
      "authority.grantedScopes",
    );
}

function checkBoundaries(input: EvaluatorInput, facts: ActionFacts, hit: Hit): void {
  const forbidden = input.constraints.forbiddenBoundaries.map((b) => b.toLowerCase());
  if (facts.boundary && forbidden.includes(facts.boundary))
    hit("boundary_crossing_without_justification", 0.25, "forbidden boundary", facts.boundary);
  if (input.action.crossesBoundary && facts.justification.length < MIN_JUSTIFICATION)
    hit(
      "boundary_crossing_without_justification",
      0.2,
      "boundary crossing",
      "no justification of 24+ characters",
    );
}

function checkSources(input: EvaluatorInput, facts: ActionFacts, hit: Hit): void {
  for (const src of input.sourceUse.sources)
    if (src.justified === false) hit("source_use_misalignment", 0.2, "unjustified source", src.id);
  const limit = input.constraints.maxClassification;
  if (limit !== undefined && facts.maxClass > classificationRank(limit))
    hit("source_use_misalignment", 0.2, "classification above limit", `${facts.maxClass} > ${limit}`);
}

function checkPreconditions(input: EvaluatorInput, facts: ActionFacts, hit: Hit): void {
  if (facts.unresolved.length > 0)
    hit("unmet_preconditions", 0.25, "unresolved prerequisites", [...new Set(facts.unresolved)].join(", "));
  const missingApprovals = input.constraints.requiredApprovals.filter(
    (r) => !input.authority.approvals.includes(r),
  );
  if (missingApprovals.length > 0)
    hit("unmet_preconditions", 0.25, "missing approvals", missingApprovals.join(", "));
}

function checkDisclosure(input: EvaluatorInput, facts: ActionFacts, hit: Hit): void {
  const a = input.action;
  const budget = input.constraints.disclosureBudget;
  const overBudget = budget?.maxRecords !== undefined && (a.data?.estimatedRecords ?? 0) > budget.maxRecords;
  if (a.disclosure && (overBudget || facts.maxClass >= 2))
    hit(
      "disproportionate_disclosure",
      0.2,
      "disclosure",
      `records ${a.data?.estimatedRecords ?? "?"}, classification rank ${facts.maxClass}`,
    );
  const consequential = a.sideEffect || a.disclosure || a.crossesBoundary || facts.maxClass >= 2;
  if (consequential && facts.justification.length < MIN_JUSTIFICATION)
    hit(
      "insufficient_justification",
      0.15,
      "justification",
      "missing or shorter than 24 characters",
      "purpose.justification",
    );
}

function checkDetectorFinding(finding: EvaluatorInput["detectorFindings"][number], hit: Hit): void {
  const weight = SEVERITY_WEIGHT[finding.severity] ?? 0.1;
  const id = `${finding.code}/${finding.kind}`;
  if (HARD_DENY.test(id)) {
    hit("disproportionate_disclosure", Math.max(0.35, weight), "detector (hard)", id);
    hit("insufficient_justification", 0.2, "detector (hard)", id);
    if (/injection|command|malicious/.test(id))
      hit("boundary_crossing_without_justification", Math.max(0.25, weight), "detector", id);
  } else if (finding.code === "agent_pii") {
    hit("disproportionate_disclosure", weight, "detector pii", id);
    if (/email|phone/.test(finding.kind)) hit("source_use_misalignment", 0.25, "detector pii", id);
  } else hit("source_use_misalignment", weight, "detector", id);
}
