// Data: the provider rules of the `secrets` detector (`provider-tokens.ts` runs them).

import type { SecretRule } from "./secret-rule.js";
import { CHAT_SAAS_SECRET_RULES } from "./secret-rules-chat-saas.js";
import { CI_TOOL_SECRET_RULES } from "./secret-rules-ci-tools.js";
import { CLOUD_VCS_SECRET_RULES } from "./secret-rules-cloud-vcs.js";
import { LLM_GENERIC_SECRET_RULES } from "./secret-rules-llm-generic.js";

/**
 * Provider token formats with a fixed prefix or shape. Every regex is global. Sources: the
 * providers' public documentation of their token formats. A regex anchors on the token's prefix
 * and minimum length, not on what follows it: a token with more characters appended is still a
 * token. Rules whose prefix is common inside longer words (`hf_`, `API-`, `SK`, …) keep a
 * trailing boundary and set `trailingBoundary` instead.
 */
export const SECRET_RULES: readonly SecretRule[] = [
  ...CLOUD_VCS_SECRET_RULES,
  ...CI_TOOL_SECRET_RULES,
  ...CHAT_SAAS_SECRET_RULES,
  ...LLM_GENERIC_SECRET_RULES,
];
