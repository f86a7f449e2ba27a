import type { RuleTable } from "../rule-doc.js";
import { SECRET_CONTEXT_RULES, type SecretContextRule } from "./context-rules.js";
import { providerRuleMatches } from "./provider-tokens.js";
import type { SecretRule } from "./secret-rule.js";
import { SECRET_RULES } from "./secret-rules.js";
import { secretsDetector } from "./secrets.js";

/** The provider token rules, each run alone as the detector runs it (needles, regex, filler checks). */
export const SECRET_PROVIDER_TABLE: RuleTable<SecretRule> = {
  family: "secrets",
  rules: SECRET_RULES,
  test: providerRuleMatches,
};

/** The context kinds; a kind matches when the whole detector reports it. */
export const SECRET_CONTEXT_TABLE: RuleTable<SecretContextRule> = {
  family: "secrets",
  rules: SECRET_CONTEXT_RULES,
  test: (rule, text) => secretsDetector.detect(text).some((m) => m.kind === rule.kind),
};
