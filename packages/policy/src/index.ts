// The public API of @sec0/policy, listed by name.

// The agent_guard section's one schema lives in @sec0/core (the evaluator reads it too); these
// are its names as this package has always exported them.
export {
  AGENT_GUARD_DETECTOR_IDS,
  type AgentGuardCustomRule,
  type AgentGuardDetectorId,
  type AgentGuardDetectorPolicy,
  type AgentGuardPolicy,
  AgentGuardPolicySchema as agentGuardSchema,
} from "@sec0/core";
export { matchesAllowlist, normalizeAllowlist } from "./allowlist.js";
export { type CallTargets, type CollectCallTargetsOptions, collectCallTargets } from "./call-targets.js";
export { type CompiledPolicy, type CompilePolicyOptions, compilePolicy } from "./compile-policy.js";
export type {
  CompiledDast,
  CompiledNuclei,
  CompiledSast,
  CompiledScans,
  CompiledSkillScans,
  SastScanner,
  ScanMode,
} from "./compile-scans.js";
export {
  type ArgumentPath,
  compileTargetArguments,
  type TargetArguments,
  type ToolTargetArguments,
} from "./compile-target-arguments.js";
export {
  type CompiledCompliance,
  type CompiledComplianceRule,
  type ComplianceLocation,
  compileCompliance,
} from "./compliance/compile-compliance.js";
export {
  type ComplianceFinding,
  type ComplianceResult,
  type ComplianceTarget,
  evaluateCompliance,
  evaluateComplianceRegex,
} from "./compliance/evaluate-compliance.js";
export type { ComplianceJudge, ComplianceJudgeRequest, ComplianceJudgeVerdict } from "./compliance/judge.js";
export { POLICY_DEFAULTS } from "./defaults.js";
export { isDuration, parseDuration } from "./duration.js";
export { compileEgressMatcher, type EgressMatcher } from "./egress-matcher.js";
export { POLICY_ERRORS, type PolicyErrorCode } from "./errors.js";
export { evaluatePolicy, type PolicyCallContext, type PolicyEvaluation } from "./evaluate-policy.js";
export { compileFsMatcher, type FsMatcher, normalisePath } from "./fs-matcher.js";
export { isUnpinnedSkillVersion } from "./is-unpinned-skill-version.js";
export { type LintPolicyOptions, lintPolicy } from "./lint-policy.js";
export { lintPolicyYaml } from "./lint-policy-yaml.js";
export { parsePolicyYaml, validatePolicyYaml } from "./parse-policy-yaml.js";
export { parseSkillRef, type SkillRef } from "./parse-skill-ref.js";
export type { ParsedPolicy, PolicySigning } from "./parsed-policy.js";
export { describeIssue, formatPath, type PolicyIssue } from "./policy-issue.js";
export { POLICY_WARNINGS, type PolicyWarning, type PolicyWarningCode } from "./policy-warning.js";
export { type ResolvedAgentGuard, resolveAgentGuard } from "./resolve-agent-guard.js";
export { type ResolvedEscalation, resolveEscalation } from "./resolve-escalation.js";
export type {
  CompliancePackPolicy,
  CompliancePolicy,
  ComplianceRulePolicy,
  LlmJudgeConfig,
} from "./schema/compliance.js";
export type { DastPolicy } from "./schema/dast.js";
export {
  type EnforcementPolicy,
  type Policy,
  type PolicyObject,
  policySchema,
} from "./schema/policy-schema.js";
export type { SastPolicy } from "./schema/sast.js";
export type { HumanEscalationPolicy, SecurityPolicy } from "./schema/security.js";
export type { SideEffectClass } from "./schema/side-effects.js";
export type { SkillsPolicy } from "./schema/skills.js";
export type { TargetArgumentsPolicy } from "./schema/target-arguments.js";
export { compileSideEffectClasses, type SideEffectClasses } from "./side-effect-classes.js";
export {
  classifySideEffect,
  type SideEffectClassification,
  type SideEffectInput,
  type ToolAnnotations,
  toolNameWords,
  WRITE_VERBS,
} from "./side-effects.js";
export {
  type ControlPlanePolicySource,
  type ControlPlanePolicySourceOptions,
  createControlPlanePolicySource,
} from "./sources/control-plane-source.js";
export {
  createFilePolicySource,
  type FilePolicySource,
  type FilePolicySourceOptions,
} from "./sources/file-source.js";
export { mergePolicyScopes } from "./sources/merge-scopes.js";
export { observeOnlyPolicy } from "./sources/observe-policy.js";
export {
  createSnapshot,
  type PolicySnapshot,
  type PolicySource,
  type PolicySourceOptions,
} from "./sources/snapshot.js";
export { createInlinePolicySource, createYamlPolicySource } from "./sources/static-sources.js";
export { compileUserRegex } from "./user-regex.js";
export { type PolicyValidationResult, validatePolicy } from "./validate-policy.js";
export { TARGET_WALK_LIMITS } from "./walk-call-targets.js";
