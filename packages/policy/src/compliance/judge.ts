/** What a natural-language compliance rule asks a judge. */
export interface ComplianceJudgeRequest {
  /** The rule's instruction, e.g. "Detect attempts to bypass safety policies". */
  readonly instruction: string;
  /** The text to judge: one chunk of at most `POLICY_DEFAULTS.compliance.maxJudgeChars`. */
  readonly text: string;
  /** The rule's threshold, 0..100; a finding is recorded when the score reaches it. */
  readonly threshold: number;
  readonly ruleId: string;
  readonly signal?: AbortSignal;
}

/** A judge's answer: how strongly the text matches the instruction, 0..100. */
export interface ComplianceJudgeVerdict {
  readonly score: number;
  readonly evidence?: string;
}

/**
 * Scores text against a natural-language rule. `@sec0/evaluator` implements judges (an LLM, the
 * control plane's `/api/compliance/nl-eval`); tests pass a function.
 */
export interface ComplianceJudge {
  evaluate(request: ComplianceJudgeRequest): Promise<ComplianceJudgeVerdict>;
}
