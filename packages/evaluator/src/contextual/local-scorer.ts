import { canonicalize, Sec0Error, type Severity, sha256Hex } from "@sec0/core";
import { EVAL_ERROR_CODES } from "../errors.js";
import type { Finding } from "../types.js";
import { type ActionFacts, readActionFacts } from "./action-facts.js";
import {
  type EvaluatorInput,
  type EvaluatorInputDraft,
  EvaluatorInputSchema,
  type EvaluatorOutput,
  type Principle,
} from "./schema.js";
import { scorePrinciples } from "./score-principles.js";

/** Thresholds of the local scorer (0.2.3 defaults: deny ≥ 0.85, escalate ≥ 0.45). */
export interface LocalScorerOptions {
  denyThreshold?: number;
  escalateThreshold?: number;
}

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
 * local rules of sec0-sdk 0.2.3. Deterministic; the fingerprint is sha256 of the canonical JSON of
 * the decisive inputs, so equal situations get equal fingerprints.
 */
export function evaluateContextLocally(
  draft: EvaluatorInputDraft,
  options: LocalScorerOptions = {},
): EvaluatorOutput {
  const input = parseInput(draft);
  const facts = readActionFacts(input);
  const { weights, evidence } = scorePrinciples(input, facts);
  const deny = options.denyThreshold ?? 0.85;
  const escalate = options.escalateThreshold ?? 0.45;
  const principles = [...weights.keys()];
  const score = Math.min(
    1,
    [...weights.values()].reduce((x, y) => x + y, 0),
  );
  const both = weights.has("authority_scope_mismatch") && weights.has("unmet_preconditions");
  const decision = score >= deny || both ? "deny" : score >= escalate ? "escalate" : "allow";
  const severity: Severity =
    score >= 0.85 ? "critical" : score >= 0.65 ? "high" : score >= 0.4 ? "medium" : "low";
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
    normalizedFingerprint: fingerprint(input, facts, principles),
  };
}

function parseInput(draft: EvaluatorInputDraft): EvaluatorInput {
  const parsed = EvaluatorInputSchema.safeParse(draft);
  if (parsed.success) return parsed.data;
  const i = parsed.error.issues[0]!;
  throw new Sec0Error(
    EVAL_ERROR_CODES.CONTEXT_INVALID,
    `evaluator input ${i.path.join(".") || "(root)"}: ${i.message}.`,
    {
      details: { path: i.path.map(String) },
    },
  );
}

/** sha256 of the canonical JSON of the decisive inputs: equal situations, equal fingerprints. */
function fingerprint(input: EvaluatorInput, facts: ActionFacts, principles: readonly Principle[]): string {
  return sha256Hex(
    canonicalize({
      principles: [...principles].sort(),
      actionKind: input.action.kind,
      operation: input.action.operation ?? null,
      targetBoundary: facts.boundary ?? null,
      sourceTypes: [...new Set(input.sourceUse.sources.map((x) => x.type))].sort(),
      sourceClassifications: [...new Set(facts.classes.map((c) => c.toLowerCase()))].sort(),
      missingScopes: [...facts.missingScopes].sort(),
      unresolvedPrerequisites: [...new Set(facts.unresolved)].sort(),
      detector: input.detectorFindings.map((f) => `${f.code}/${f.kind}`).sort(),
    }),
  );
}
