import type { ComplianceJudge } from "./compliance-judge.js";

/** What to do when the judge cannot answer (error, timeout, malformed reply). */
export type JudgeFailureMode = "skip" | "escalate" | "deny";

/** A natural-language compliance rule as the policy gives it. */
export interface NaturalLanguageRule {
  id: string;
  instruction: string;
  /** 0..100; a score at or above it is a violation. Default 75. */
  threshold?: number;
}

/** The judged outcome of one rule. */
export type NaturalLanguageRuleResult =
  | { ruleId: string; status: "pass" | "violation"; score: number; threshold: number; evidence?: string }
  | { ruleId: string; status: "unavailable"; outcome: JudgeFailureMode; error: string; threshold: number };

/**
 * Asks `judge` about one rule with a time limit. A judge that throws, times out or returns
 * nonsense yields `status: "unavailable"` with the configured `onFailure` outcome recorded, never
 * an exception (fail-closed callers map `deny`/`escalate` to a decision).
 */
export async function evaluateNaturalLanguageRule(
  judge: ComplianceJudge,
  rule: NaturalLanguageRule,
  text: string,
  options: { onFailure?: JudgeFailureMode; timeoutMs?: number } = {},
): Promise<NaturalLanguageRuleResult> {
  const threshold = rule.threshold ?? 75;
  const onFailure = options.onFailure ?? "escalate";
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("judge timed out")), options.timeoutMs ?? 10_000);
    });
    const r = await Promise.race([
      judge.evaluate({ instruction: rule.instruction, text, threshold, ruleId: rule.id }),
      timeout,
    ]);
    if (typeof r?.score !== "number" || !Number.isFinite(r.score))
      throw new Error("judge returned no numeric score");
    const score = Math.min(100, Math.max(0, r.score));
    return {
      ruleId: rule.id,
      status: score >= threshold ? "violation" : "pass",
      score,
      threshold,
      ...(r.evidence === undefined ? {} : { evidence: r.evidence.slice(0, 240) }),
    };
  } catch (e) {
    return {
      ruleId: rule.id,
      status: "unavailable",
      outcome: onFailure,
      error: (e as Error).message,
      threshold,
    };
  } finally {
    clearTimeout(timer);
  }
}
