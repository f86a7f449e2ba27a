import { LineCounter, parseDocument } from "yaml";
import { type LintPolicyOptions, lintPolicy } from "./lint-policy.js";
import type { PolicyWarning } from "./policy-warning.js";
import { validatePolicy } from "./validate-policy.js";
import { locatePath } from "./yaml-positions.js";

/**
 * {@link lintPolicy} for policy YAML: every warning carries its line and column (an allowlist
 * entry's own position, a section's key). Text that is not a valid policy has no warnings: its
 * errors come from `validatePolicyYaml`.
 *
 * @example
 * for (const w of lintPolicyYaml(text)) console.warn(`${w.line}:${w.column} ${w.path} ${w.message}`);
 */
export function lintPolicyYaml(text: string, options: LintPolicyOptions = {}): PolicyWarning[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return [];
  const result = validatePolicy(doc.toJS({ maxAliasCount: 100 }));
  if (!result.valid || result.policy === undefined) return [];
  return lintPolicy(result.policy, options).map((warning) => {
    const preferKey = typeof warning.segments.at(-1) === "string";
    const position = locatePath(doc, lineCounter, warning.segments, preferKey);
    return position === undefined ? warning : { ...warning, line: position.line, column: position.column };
  });
}
