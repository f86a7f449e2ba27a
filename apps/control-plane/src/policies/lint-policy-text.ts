import { lintPolicyYaml, type PolicyWarning } from "@sec0/policy";
import { lineAsSent, tenantInsertion } from "./policy-tenant-field.js";
import type { PolicyTextTarget } from "./validate-policy-text.js";

/**
 * The warnings of a valid policy (`lintPolicyYaml`: parts that cannot work as written), with the
 * line numbers of the text as sent (an agent policy without `tenant:` is linted with it written
 * in, as it is validated). A policy that is not valid has none.
 *
 * @example
 * lintPolicyText('tenant: acme\ntools:\n  allowlist: ["a b"]\n', { tenant: "acme", agentScope: false });
 */
export function lintPolicyText(text: string, target: PolicyTextTarget): PolicyWarning[] {
  const inserted = target.agentScope ? tenantInsertion(text, target.tenant) : undefined;
  return lintPolicyYaml(inserted?.text ?? text).map((warning) => {
    const line = lineAsSent(warning.line, inserted?.line);
    return line === undefined ? warning : { ...warning, line };
  });
}
