import { defineErrorCodes } from "@sec0/core";

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

/** The error codes `@sec0/evaluator` throws, each with what it means; docs/errors.md says what to do. */
export const EVALUATOR_ERRORS = defineErrorCodes({
  EVAL_CONFIG_INVALID:
    "The agent_guard section passed to createAgentGuard / parseAgentGuardConfig has an unknown key or a value of the wrong type (the message names the field, e.g.",
  EVAL_PATTERN_INVALID:
    "A custom[i].pattern or its flags, or a legacy override list entry (pii_patterns[i], dangerous_commands[i], …), does not compile the way the guard runs it (compileGuardPattern in @sec0/core: linear-time, no lookarounds or backreferences).",
  EVAL_JUDGE_CONFIG_INVALID:
    "An OpenAI-compatible judge lacks an http(s) baseUrl or model, or a control-plane judge lacks baseUrl or apiKey.",
  EVAL_CONTEXT_INVALID:
    "Input to evaluateContextLocally does not match EvaluatorInputSchema (the message names the field).",
});

/** A code of {@link EVALUATOR_ERRORS}. */
export type EvaluatorErrorCode = keyof typeof EVALUATOR_ERRORS;
