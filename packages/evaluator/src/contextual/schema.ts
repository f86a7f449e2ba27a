import {
  type EvaluatorPrinciple,
  EvaluatorPrincipleSchema,
  EvaluatorOutputSchema as WireEvaluatorOutputSchema,
} from "@sec0/core/contracts";
import { z } from "zod";

const s = (max: number) => z.string().max(max);
const list = (max = 120) => z.array(s(max)).max(100).default([]);

/** Contextual evaluator input (as in sec0-sdk 0.2.3). Sections pass unknown keys through. */
export const EvaluatorInputSchema = z
  .object({
    action: z
      .object({
        kind: s(120),
        summary: s(4000),
        operation: s(120).optional(),
        sideEffect: z.boolean().optional(),
        disclosure: z.boolean().optional(),
        crossesBoundary: z.boolean().optional(),
        tool: z
          .object({ name: s(240).optional(), version: s(120).optional(), server: s(240).optional() })
          .passthrough()
          .optional(),
        target: z
          .object({
            id: s(240).optional(),
            type: s(120).optional(),
            boundary: s(240).optional(),
            owner: s(240).optional(),
            classification: s(120).optional(),
            destination: s(1000).optional(),
          })
          .passthrough()
          .optional(),
        data: z
          .object({
            classifications: list(),
            estimatedRecords: z.number().nonnegative().optional(),
            destination: s(1000).optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
    actor: z
      .object({
        id: s(240),
        type: s(120).optional(),
        label: s(240).optional(),
        role: s(120).optional(),
        boundary: s(240).optional(),
        labels: list(),
      })
      .passthrough(),
    purpose: z
      .object({
        summary: s(4000),
        objective: s(4000).optional(),
        justification: s(4000).optional(),
        expectedOutcome: s(4000).optional(),
      })
      .passthrough(),
    authority: z
      .object({
        scope: s(240).optional(),
        grantedScopes: list(),
        allowedBoundaries: list(240),
        approvals: list(240),
        delegations: list(240),
      })
      .passthrough()
      .default({ grantedScopes: [], allowedBoundaries: [], approvals: [], delegations: [] }),
    runtimeContext: z
      .object({
        integrationSurface: s(120).optional(),
        executionLayer: s(120).optional(),
        runId: s(240).optional(),
        traceId: s(240).optional(),
        spanId: s(240).optional(),
        sessionId: s(240).optional(),
        workflowState: s(1000).optional(),
        conversationState: s(1000).optional(),
        unresolvedPrerequisites: list(400),
      })
      .passthrough()
      .default({ unresolvedPrerequisites: [] }),
    sourceUse: z
      .object({
        sources: z
          .array(
            z
              .object({
                id: s(240),
                type: s(120),
                label: s(240).optional(),
                boundary: s(240).optional(),
                classification: s(120).optional(),
                provenance: s(1000).optional(),
                justified: z.boolean().optional(),
                intendedUse: s(1000).optional(),
              })
              .passthrough(),
          )
          .max(100)
          .default([]),
        provenanceSummary: s(4000).optional(),
      })
      .passthrough()
      .default({ sources: [] }),
    constraints: z
      .object({
        hard: list(1000),
        soft: list(1000),
        requiredPrerequisites: list(400),
        requiredApprovals: list(240),
        forbiddenBoundaries: list(240),
        maxClassification: s(120).optional(),
        disclosureBudget: z
          .object({ maxRecords: z.number().nonnegative().optional(), maxClassifications: list() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .default({
        hard: [],
        soft: [],
        requiredPrerequisites: [],
        requiredApprovals: [],
        forbiddenBoundaries: [],
      }),
    /** Detector findings as descriptors (from {@link describeFindings}). */
    detectorFindings: z
      .array(
        z
          .object({
            code: s(120),
            kind: s(240),
            severity: s(20),
            detector: s(120),
            confidence: z.number().min(0).max(1),
          })
          .passthrough(),
      )
      .max(25)
      .default([]),
    metadata: z.record(z.string(), z.unknown()).default({}),
  })
  .passthrough();

export type EvaluatorInput = z.infer<typeof EvaluatorInputSchema>;
/** Input as callers write it (defaults not yet applied). */
export type EvaluatorInputDraft = z.input<typeof EvaluatorInputSchema>;

/** The principles the evaluator can flag: the wire contract's list (`@sec0/core`). */
export const PRINCIPLES = EvaluatorPrincipleSchema.options;
export type Principle = EvaluatorPrinciple;

/** Contextual evaluator output (as in sec0-sdk 0.2.3). */
export const EvaluatorOutputSchema = WireEvaluatorOutputSchema.extend({
  /** The local scorer's risk score, 0..1 (sec0's addition; the wire contract keeps unknown members). */
  score: z.number().min(0).max(1),
});
export type EvaluatorOutput = z.infer<typeof EvaluatorOutputSchema>;
