import { canonicalize, Sec0Error, type Severity, sha256Hex } from "@sec0/core";
import { EVAL_ERROR_CODES } from "../errors.js";
import type { Finding } from "../types.js";
import {
  type EvaluatorInput,
  type EvaluatorInputDraft,
  EvaluatorInputSchema,
  type EvaluatorOutput,
  type Principle,
} from "./schema.js";

/** Thresholds of the local scorer (0.2.3 defaults: deny ≥ 0.85, escalate ≥ 0.45). */
export interface LocalScorerOptions {
  denyThreshold?: number;
  escalateThreshold?: number;
}

const RANK: Record<string, number> = {
  public: 0,
  low: 0,
  internal: 1,
  private: 1,
  personal: 1,
  medium: 1,
  confidential: 2,
  sensitive: 2,
  high: 2,
  restricted: 3,
  secret: 3,
  critical: 3,
};
const rank = (c: string | undefined) => (c === undefined ? 0 : (RANK[c.toLowerCase()] ?? 1));
const WRITE_OP = /create|update|delete|write|send|execute|approve|post|transfer|pay/i;
const SEVERITY_WEIGHT: Record<string, number> = { critical: 0.4, high: 0.3, medium: 0.2, low: 0.12 };
const HARD_DENY = /secret|prompt_injection|command_unsafe|malicious|data_exfil|ssn|credit_card/;

const REMEDIATION: Record<Principle, string> = {
  authority_scope_mismatch: "Grant the missing scope or route the action to an actor who holds it.",
  boundary_crossing_without_justification: "State why the data must leave its boundary, or keep it inside.",
  source_use_misalignment: "Use only sources justified for this purpose and within the classification limit.",
  unmet_preconditions: "Resolve the open prerequisites and collect the required approvals first.",
  disproportionate_disclosure: "Disclose fewer records or less sensitive data.",
  insufficient_justification: "Give a concrete justification (at least a sentence) for this action.",
};

/** Short descriptors of detector findings for the evaluator input (max 25, no evidence text). */
export function describeFindings(findings: readonly Finding[]): EvaluatorInputDraft["detectorFindings"] {
  return findings.slice(0, 25).map((f) => ({
    code: f.code,
    kind: f.kind,
    severity: f.severity,
    detector: f.detector,
    confidence: f.confidence,
  }));
}

/**
 * Validates the input (throws `EVAL_CONTEXT_INVALID` naming the field) and scores it with the
 * local rules of reference §2.8. Deterministic; the fingerprint is sha256 of the canonical JSON of
 * the decisive inputs, so equal situations get equal fingerprints.
 */
export function evaluateContextLocally(
  draft: EvaluatorInputDraft,
  options: LocalScorerOptions = {},
): EvaluatorOutput {
  const parsed = EvaluatorInputSchema.safeParse(draft);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Sec0Error(
      EVAL_ERROR_CODES.CONTEXT_INVALID,
      `evaluator input ${i.path.join(".") || "(root)"}: ${i.message}.`,
      {
        details: { path: i.path.map(String) },
      },
    );
  }
  const input: EvaluatorInput = parsed.data;
  const deny = options.denyThreshold ?? 0.85;
  const escalate = options.escalateThreshold ?? 0.45;
  const weights = new Map<Principle, number>();
  const evidence: EvaluatorOutput["evidence"] = [];
  const hit = (p: Principle, w: number, label: string, detail: string, path?: string) => {
    if (!weights.has(p) || weights.get(p)! < w) weights.set(p, Math.max(weights.get(p) ?? 0, w));
    evidence.push({ label, detail, ...(path ? { path } : {}) });
  };

  const a = input.action;
  const boundary = (a.target?.boundary ?? a.data?.destination)?.toLowerCase();
  const allowed = input.authority.allowedBoundaries.map((b) => b.toLowerCase());
  if (boundary && allowed.length > 0 && !allowed.includes(boundary))
    hit("authority_scope_mismatch", 0.35, "boundary not allowed", boundary, "action.target.boundary");
  const classes = [
    ...(a.data?.classifications ?? []),
    ...(a.target?.classification ? [a.target.classification] : []),
    ...input.sourceUse.sources.map((s) => s.classification ?? "public"),
  ];
  const maxClass = Math.max(0, ...classes.map(rank));
  const write = a.sideEffect === true || WRITE_OP.test(a.operation ?? "");
  const required = [
    write ? "write" : "read",
    ...(a.crossesBoundary ? ["cross_boundary"] : []),
    ...(a.disclosure ? ["disclose"] : []),
    ...(maxClass >= 2 ? ["sensitive_data"] : []),
  ];
  const missingScopes =
    input.authority.grantedScopes.length > 0
      ? required.filter((r) => !input.authority.grantedScopes.includes(r))
      : [];
  if (missingScopes.length > 0)
    hit(
      "authority_scope_mismatch",
      0.25,
      "missing scopes",
      missingScopes.join(", "),
      "authority.grantedScopes",
    );
  if (boundary && input.constraints.forbiddenBoundaries.map((b) => b.toLowerCase()).includes(boundary))
    hit("boundary_crossing_without_justification", 0.25, "forbidden boundary", boundary);
  const justification = input.purpose.justification ?? "";
  if (a.crossesBoundary && justification.length < 24)
    hit(
      "boundary_crossing_without_justification",
      0.2,
      "boundary crossing",
      "no justification of 24+ characters",
    );
  for (const src of input.sourceUse.sources)
    if (src.justified === false) hit("source_use_misalignment", 0.2, "unjustified source", src.id);
  if (
    input.constraints.maxClassification !== undefined &&
    maxClass > rank(input.constraints.maxClassification)
  )
    hit(
      "source_use_misalignment",
      0.2,
      "classification above limit",
      `${maxClass} > ${input.constraints.maxClassification}`,
    );
  const unresolved = [
    ...input.runtimeContext.unresolvedPrerequisites,
    ...input.constraints.requiredPrerequisites.filter((p) =>
      input.runtimeContext.unresolvedPrerequisites.includes(p),
    ),
  ];
  if (unresolved.length > 0)
    hit("unmet_preconditions", 0.25, "unresolved prerequisites", [...new Set(unresolved)].join(", "));
  const missingApprovals = input.constraints.requiredApprovals.filter(
    (r) => !input.authority.approvals.includes(r),
  );
  if (missingApprovals.length > 0)
    hit("unmet_preconditions", 0.25, "missing approvals", missingApprovals.join(", "));
  const budget = input.constraints.disclosureBudget;
  if (
    a.disclosure &&
    ((budget?.maxRecords !== undefined && (a.data?.estimatedRecords ?? 0) > budget.maxRecords) ||
      maxClass >= 2)
  )
    hit(
      "disproportionate_disclosure",
      0.2,
      "disclosure",
      `records ${a.data?.estimatedRecords ?? "?"}, classification rank ${maxClass}`,
    );
  if ((a.sideEffect || a.disclosure || a.crossesBoundary || maxClass >= 2) && justification.length < 24)
    hit(
      "insufficient_justification",
      0.15,
      "justification",
      "missing or shorter than 24 characters",
      "purpose.justification",
    );
  for (const f of input.detectorFindings) {
    const w = SEVERITY_WEIGHT[f.severity] ?? 0.1;
    const id = `${f.code}/${f.kind}`;
    if (HARD_DENY.test(id)) {
      hit("disproportionate_disclosure", Math.max(0.35, w), "detector (hard)", id);
      hit("insufficient_justification", 0.2, "detector (hard)", id);
      if (/injection|command|malicious/.test(id))
        hit("boundary_crossing_without_justification", Math.max(0.25, w), "detector", id);
    } else if (f.code === "agent_pii") {
      hit("disproportionate_disclosure", w, "detector pii", id);
      if (/email|phone/.test(f.kind)) hit("source_use_misalignment", 0.25, "detector pii", id);
    } else hit("source_use_misalignment", w, "detector", id);
  }

  const principles = [...weights.keys()];
  const score = Math.min(
    1,
    [...weights.values()].reduce((x, y) => x + y, 0),
  );
  const both = weights.has("authority_scope_mismatch") && weights.has("unmet_preconditions");
  const decision = score >= deny || both ? "deny" : score >= escalate ? "escalate" : "allow";
  const severity: Severity =
    score >= 0.85 ? "critical" : score >= 0.65 ? "high" : score >= 0.4 ? "medium" : "low";
  const fingerprintInput = {
    principles: [...principles].sort(),
    actionKind: a.kind,
    operation: a.operation ?? null,
    targetBoundary: boundary ?? null,
    sourceTypes: [...new Set(input.sourceUse.sources.map((x) => x.type))].sort(),
    sourceClassifications: [...new Set(classes.map((c) => c.toLowerCase()))].sort(),
    missingScopes: [...missingScopes].sort(),
    unresolvedPrerequisites: [...new Set(unresolved)].sort(),
    detector: input.detectorFindings.map((f) => `${f.code}/${f.kind}`).sort(),
  };
  return {
    decision,
    score: Math.round(score * 1000) / 1000,
    confidence: principles.length === 0 ? 0.82 : Math.min(0.98, Math.max(0.55, 0.55 + 0.4 * score)),
    principles,
    summary:
      principles.length === 0
        ? "No contextual concern detected."
        : `Contextual evaluator flagged ${principles.join(", ")}.`,
    reasoning: evidence.map((e) => `${e.label}: ${e.detail}`).join("; ") || "No principle triggered.",
    evidence,
    suggestedSeverity: severity,
    suggestedRemediation: {
      summary: principles.length === 0 ? "None needed." : "Address the flagged principles.",
      steps: principles.map((p) => REMEDIATION[p]),
    },
    normalizedFingerprint: sha256Hex(canonicalize(fingerprintInput)),
  };
}
