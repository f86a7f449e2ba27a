import { z } from "zod";
import { JsonObjectSchema } from "./primitives.js";

// Wire contract of POST /api/evaluator/contextual (0.2.3 EvaluatorInput / EvaluatorOutput). Every
// section keeps unknown members: 0.2.3 HEAD added sections the evaluator may learn later.

const label = z.string().max(512);
const text = z.string().max(4000);
const labels = z.array(label).max(100);

/** The principles the contextual evaluator can flag. */
export const EvaluatorPrincipleSchema = z.enum([
  "authority_scope_mismatch",
  "boundary_crossing_without_justification",
  "source_use_misalignment",
  "unmet_preconditions",
  "disproportionate_disclosure",
  "insufficient_justification",
]);

/** A principle the contextual evaluator can flag. */
export type EvaluatorPrinciple = z.infer<typeof EvaluatorPrincipleSchema>;

/**
 * Body of `POST /api/evaluator/contextual`: the action an agent is about to take, who takes it,
 * why, under what authority, from which sources and within which constraints.
 *
 * @example
 * EvaluatorInputSchema.parse({ action: { kind: "tool_call", summary: "send the quote to a supplier" } });
 */
export const EvaluatorInputSchema = z.looseObject({
  action: z.looseObject({
    kind: label.min(1),
    summary: text,
    operation: label.optional(),
    sideEffect: z.boolean().optional(),
    disclosure: z.boolean().optional(),
    crossesBoundary: z.boolean().optional(),
    // 0.2.3 sends `{ name, version, server }`; a bare name is accepted too.
    tool: z
      .union([
        label,
        z.looseObject({ name: label.optional(), version: label.optional(), server: label.optional() }),
      ])
      .optional(),
    target: z
      .looseObject({
        id: label.optional(),
        type: label.optional(),
        boundary: label.optional(),
        owner: label.optional(),
        classification: label.optional(),
        destination: label.optional(),
      })
      .optional(),
    data: z
      .looseObject({
        classifications: labels.optional(),
        estimatedRecords: z.number().nonnegative().optional(),
        destination: label.optional(),
      })
      .optional(),
  }),
  actor: z
    .looseObject({
      id: label.optional(),
      type: label.optional(),
      label: label.optional(),
      role: label.optional(),
      boundary: label.optional(),
      labels: labels.optional(),
    })
    .optional(),
  purpose: z
    .looseObject({
      summary: text.optional(),
      objective: text.optional(),
      justification: text.optional(),
      expectedOutcome: text.optional(),
    })
    .optional(),
  authority: z
    .looseObject({
      scope: label.optional(),
      grantedScopes: labels.optional(),
      allowedBoundaries: labels.optional(),
      approvals: labels.optional(),
      delegations: labels.optional(),
    })
    .optional(),
  runtimeContext: z
    .looseObject({
      integrationSurface: label.optional(),
      executionLayer: label.optional(),
      runId: label.optional(),
      traceId: label.optional(),
      spanId: label.optional(),
      sessionId: label.optional(),
      workflowState: text.optional(),
      conversationState: text.optional(),
      unresolvedPrerequisites: labels.optional(),
    })
    .optional(),
  sourceUse: z
    .looseObject({
      sources: z
        .array(
          z.looseObject({
            id: label.optional(),
            type: label.optional(),
            label: label.optional(),
            boundary: label.optional(),
            classification: label.optional(),
            provenance: text.optional(),
            justified: z.boolean().optional(),
            intendedUse: text.optional(),
          }),
        )
        .max(100)
        .optional(),
      provenanceSummary: text.optional(),
    })
    .optional(),
  constraints: z
    .looseObject({
      hard: z.array(text).max(100).optional(),
      soft: z.array(text).max(100).optional(),
      requiredPrerequisites: labels.optional(),
      requiredApprovals: labels.optional(),
      forbiddenBoundaries: labels.optional(),
      maxClassification: label.optional(),
      disclosureBudget: z
        .looseObject({
          maxRecords: z.number().nonnegative().optional(),
          maxClassifications: labels.optional(),
        })
        .optional(),
    })
    .optional(),
  /** Short descriptors of the detector findings on the call (never the matched text). */
  detectorFindings: z
    .array(
      z.looseObject({
        code: label,
        kind: label.optional(),
        severity: label.optional(),
        detector: label.optional(),
        confidence: z.number().min(0).max(1).optional(),
      }),
    )
    .max(25)
    .optional(),
  metadata: JsonObjectSchema.optional(),
});

/** Body of `POST /api/evaluator/contextual`. */
export type EvaluatorInput = z.infer<typeof EvaluatorInputSchema>;

/**
 * Reply of `POST /api/evaluator/contextual`: the evaluator's decision with its confidence, the
 * principles it flagged, evidence, a suggested severity and remediation, and a stable fingerprint
 * of the situation (used to de-duplicate escalations).
 *
 * @example
 * EvaluatorOutputSchema.parse({
 *   decision: "allow", confidence: 0.82, principles: [], summary: "No contextual concern detected.",
 *   reasoning: "", evidence: [], suggestedSeverity: "low",
 *   suggestedRemediation: { summary: "", steps: [] }, normalizedFingerprint: "3f1c2a9b",
 * });
 */
export const EvaluatorOutputSchema = z.looseObject({
  decision: z.enum(["allow", "escalate", "deny"]),
  confidence: z.number().min(0).max(1),
  principles: z.array(EvaluatorPrincipleSchema),
  summary: text,
  reasoning: z.string().max(8000),
  evidence: z.array(z.looseObject({ label, detail: text, path: label.optional() })).max(100),
  suggestedSeverity: z.enum(["low", "medium", "high", "critical"]),
  suggestedRemediation: z.looseObject({ summary: text, steps: z.array(text).max(50) }),
  normalizedFingerprint: z.string().min(8).max(128),
});

/** Reply of `POST /api/evaluator/contextual`. */
export type EvaluatorOutput = z.infer<typeof EvaluatorOutputSchema>;
