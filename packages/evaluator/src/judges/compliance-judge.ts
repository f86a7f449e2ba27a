/** What a judge is asked: does `text` violate the natural-language rule `instruction`? */
export interface ComplianceJudgeRequest {
  instruction: string;
  text: string;
  /** The rule's threshold (0..100); informational for the judge. */
  threshold: number;
  ruleId: string;
}

/** A judge's answer: 0 (clearly compliant) … 100 (clearly violating). */
export interface ComplianceJudgeResult {
  score: number;
  evidence?: string;
}

/**
 * Scores text against a natural-language compliance rule. The policy package declares the same
 * interface shape; any object with this `evaluate` method is a judge.
 */
export interface ComplianceJudge {
  evaluate(request: ComplianceJudgeRequest): Promise<ComplianceJudgeResult>;
}

/** Clamps a score into 0..100 (NaN → 0). */
export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(100, Math.max(0, score));
}

/** Maximum characters of scanned text sent to a judge (0.2.3 sent 8000). */
export const MAX_JUDGE_TEXT = 8000;
