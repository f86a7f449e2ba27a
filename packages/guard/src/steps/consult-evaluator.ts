import type { Finding } from "@sec0/evaluator";
import { collectCallTargets } from "@sec0/policy";
import { contextualReason, evaluateCallContext } from "../content/contextual-evaluator.js";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";

/** What the contextual evaluator added to a call's input checks. */
export interface EvaluatorOpinion {
  /** `contextual_evaluator_denied` / `_escalated`, when it acts (sync mode). */
  readonly reason?: string;
  /** `evaluation_error` when it failed and `onError` is not `allow`. */
  readonly fault?: string;
  /** `evaluator:<decision>:<fingerprint>` for the audit record. */
  readonly riskTag?: string;
}

/** The evaluator had nothing to add (disabled, not eligible, or it allowed). */
export const NO_OPINION: EvaluatorOpinion = Object.freeze({});

/**
 * The contextual evaluator, for what rules alone cannot settle. Its verdicts act without being
 * listed in `deny_on` / `escalate_on`: enabling it is the decision (ADR 0003). Context comes from
 * the server's own options, never from the caller.
 */
export async function consultEvaluator(
  engine: EngineContext,
  start: CallStart,
  sideEffect: boolean,
  findings: readonly Finding[],
): Promise<EvaluatorOpinion> {
  const options = engine.options.contextualEvaluator;
  if (engine.contextual === undefined || options === undefined) return NO_OPINION;
  const { agent, span } = start;
  try {
    const verdict = await evaluateCallContext(
      engine.contextual,
      options,
      {
        toolRef: start.toolRef,
        ref: start.ref,
        args: start.context.args,
        sideEffect,
        crossesBoundary: crossesBoundary(start.context.args),
        findings,
        ...(agent === undefined ? {} : { agent }),
      },
      { traceId: span.traceId, spanId: span.spanId, executionLayer: engine.options.surface },
    );
    if (verdict === undefined) return NO_OPINION;
    const reason = contextualReason(verdict);
    const riskTag = `evaluator:${verdict.decision}:${verdict.normalizedFingerprint}`;
    return reason !== undefined && options.evaluatorMode !== "async" ? { reason, riskTag } : { riskTag };
  } catch (error) {
    engine.logger.warn(
      { err: (error as Error)?.message, tool: start.toolRef },
      "sec0 contextual evaluator failed",
    );
    return options.onError === "allow" ? NO_OPINION : { fault: "evaluation_error" };
  }
}

/** True when the call names a URL or a file path (the targets the static checks look at). */
function crossesBoundary(args: Readonly<Record<string, unknown>>): boolean {
  const targets = collectCallTargets(args, undefined, undefined);
  return targets.urls.length > 0 || targets.paths.length > 0;
}
