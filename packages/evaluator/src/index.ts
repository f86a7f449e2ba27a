// The public API of @sec0/evaluator, listed by name.
export { DEFAULT_BLOCK_ON_SEVERITY } from "./active-detectors.js";
export { IBAN_LENGTHS, ibanValid, luhnValid } from "./checksums.js";
export {
  decodeModel,
  encodeModel,
  hashFeatures,
  type LinearModel,
  loadBundledModel,
  predict,
} from "./classifier.js";
export {
  type AgentGuardConfig,
  AgentGuardConfigSchema,
  type AgentGuardCustomRule,
  type AgentGuardDetectorConfig,
  LEGACY_PATTERN_KEYS,
  parseAgentGuardConfig,
} from "./config.js";
export {
  describeFindings,
  evaluateContextLocally,
  type LocalScorerOptions,
} from "./contextual/local-scorer.js";
export {
  type EvaluatorInput,
  type EvaluatorInputDraft,
  EvaluatorInputSchema,
  type EvaluatorOutput,
  EvaluatorOutputSchema,
  PRINCIPLES,
  type Principle,
} from "./contextual/schema.js";
export { CONTEXT_INJECTION_KEYS, stripContextInjection } from "./contextual/strip-context-args.js";
export { AGENT_INJECTION_RULES } from "./detectors/agent-injection/rule-table.js";
export {
  type AgentInjectionOptions,
  type AgentInjectionResult,
  scoreAgentInjection,
} from "./detectors/agent-injection/score-agent-injection.js";
export { BUILTIN_DETECTORS, DEFAULT_LOCATIONS } from "./detectors/builtin.js";
export { calibrate, segments } from "./detectors/classifier-match.js";
export { commandUnsafeDetector } from "./detectors/command-unsafe/command-unsafe.js";
export { COMMAND_RULES } from "./detectors/command-unsafe/rules.js";
export { dataExfiltrationDetector } from "./detectors/data-exfiltration/data-exfiltration.js";
export { DATA_EXFILTRATION_RULES } from "./detectors/data-exfiltration/rules.js";
export { maliciousCodeDetector } from "./detectors/malicious-code/malicious-code.js";
export { MALICIOUS_CODE_RULES } from "./detectors/malicious-code/rules.js";
export { piiDetector } from "./detectors/pii/pii.js";
export { policyViolationDetector } from "./detectors/policy-violation/policy-violation.js";
export { POLICY_VIOLATION_RULES } from "./detectors/policy-violation/rules.js";
export {
  promptInjectionDetector,
  promptInjectionInputDetector,
} from "./detectors/prompt-injection/prompt-injection.js";
export { PROMPT_INJECTION_RULES } from "./detectors/prompt-injection/rules.js";
export type { RuleDoc, RuleTable } from "./detectors/rule-doc.js";
export type { DocumentedRule, PatternRule } from "./detectors/rule-set.js";
export { RULE_TABLES } from "./detectors/rule-tables.js";
export type { SecretRule } from "./detectors/secrets/secret-rule.js";
export { SECRET_RULES } from "./detectors/secrets/secret-rules.js";
export { SECRET_WORDS } from "./detectors/secrets/secret-words.js";
export { secretsDetector } from "./detectors/secrets/secrets.js";
export { TOOL_POISONING_RULES } from "./detectors/tool-poisoning/rules.js";
export { toolPoisoningDetector } from "./detectors/tool-poisoning/tool-poisoning.js";
export { TOXICITY_RULES } from "./detectors/toxic-content/rules.js";
export { toxicContentDetector } from "./detectors/toxic-content/toxic-content.js";
export { EVAL_ERROR_CODES, EVALUATOR_ERRORS, type EvaluatorErrorCode } from "./errors.js";
export { type AgentGuard, type AgentGuardOptions, createAgentGuard } from "./guard.js";
export type { GuardVerdict } from "./guard-verdict.js";
export { SCAN_INCOMPLETE } from "./guard-verdict.js";
export {
  ANTHROPIC_API_VERSION,
  type AnthropicJudgeOptions,
  createAnthropicJudge,
} from "./judges/anthropic-judge.js";
export {
  type ComplianceJudge,
  type ComplianceJudgeRequest,
  type ComplianceJudgeResult,
  clampScore,
  MAX_JUDGE_TEXT,
} from "./judges/compliance-judge.js";
export { type ControlPlaneJudgeOptions, createControlPlaneJudge } from "./judges/control-plane-judge.js";
export {
  evaluateNaturalLanguageRule,
  type JudgeFailureMode,
  type NaturalLanguageRule,
  type NaturalLanguageRuleResult,
} from "./judges/evaluate-rule.js";
export {
  buildJudgeMessages,
  createOpenAICompatibleJudge,
  type OpenAICompatibleJudgeOptions,
  parseJudgeAnswer,
} from "./judges/openai-judge.js";
export { excerpt, maskMiddle } from "./mask.js";
export {
  collectMatchingViews,
  type MatchingViews,
  matchingViews,
  mayNeedViews,
  type NormaliseLimits,
  type TextView,
  type Transform,
} from "./normalise/index.js";
export { compilePattern, createPatternDetector } from "./pattern-detector.js";
export { placeholder, redactText, redactValue } from "./redact.js";
export {
  DEFAULT_MAX_SCAN_BYTES,
  DEFAULT_MAX_SCAN_MS,
  type ScanOptions,
  type ScanResult,
  scanValue,
} from "./scan.js";
export { createStringScan, fillStringScan, type StringScan } from "./string-scan.js";
export type {
  Detector,
  DetectorId,
  DetectorMatch,
  Finding,
  FindingAction,
  FindingCode,
  ScanLocation,
} from "./types.js";
export { childPath, type StringLeaf, walkStrings } from "./walk.js";
