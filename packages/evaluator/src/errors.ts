/** Error codes thrown by @sec0/evaluator (listed in docs/errors.md). */
export const EVAL_ERROR_CODES = {
  /** The agent_guard section does not have the documented shape. */
  CONFIG_INVALID: "EVAL_CONFIG_INVALID",
  /** A custom rule or legacy override pattern is not a valid regular expression. */
  PATTERN_INVALID: "EVAL_PATTERN_INVALID",
  /** A compliance judge was configured with missing or invalid options. */
  JUDGE_CONFIG_INVALID: "EVAL_JUDGE_CONFIG_INVALID",
  /** Contextual evaluator input or output does not match its schema. */
  CONTEXT_INVALID: "EVAL_CONTEXT_INVALID",
} as const;
