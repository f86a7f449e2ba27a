import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/policy` throws, each with what it means; docs/errors.md says what to do. */
export const POLICY_ERRORS = defineErrorCodes({
  POLICY_INVALID: "A policy breaks the schema (parsePolicyYaml, inline and control-plane sources).",
  POLICY_YAML_SYNTAX: "The policy text is not valid YAML (bad indentation, unclosed bracket, duplicate key).",
  POLICY_DURATION_INVALID: "parseDuration got text without a unit or with an unknown unit.",
  POLICY_REGEX_INVALID:
    "A regular expression in a compliance rule or custom detector does not compile, its flags are unknown, or it needs a lookaround, backreference or v-flag set operation (it runs on a linear-time engine).",
  POLICY_FILE_UNREADABLE: "The file policy source cannot read its file.",
  POLICY_FETCH_FAILED:
    "Fetching a policy from the control plane failed (network error, timeout, non-2xx status, unparsable YAML).",
  POLICY_UNAVAILABLE:
    'No policy was ever obtained from the control plane and the source is configured with onUnavailable: "fail" (the default).',
  POLICY_SOURCE_CONFIG_INVALID: 'A control-plane source with scope: "agent" has no nodeId.',
  POLICY_SCOPE_CONFLICT: "An agent-scoped policy names a different tenant than the base policy.",
  POLICY_TARGET_PATH_INVALID:
    "security.target_arguments lists a malformed argument path (a policy that skipped validation).",
  POLICY_SKILL_REF_INVALID:
    "parseSkillRef got text that is not source/author/name with an optional @version and #digest.",
});

/** A code of {@link POLICY_ERRORS}. */
export type PolicyErrorCode = keyof typeof POLICY_ERRORS;
