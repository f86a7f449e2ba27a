import { Sec0Error } from "@sec0/core";
import { LineCounter, parseDocument } from "yaml";
import type { ParsedPolicy } from "./parsed-policy.js";
import { describeIssue, type PolicyIssue } from "./policy-issue.js";
import { type PolicyValidationResult, validatePolicy } from "./validate-policy.js";
import { locatePath } from "./yaml-positions.js";

/**
 * Parses and validates policy YAML without throwing; every issue carries its line and column.
 * YAML syntax problems come back as issues with code `yaml_syntax`.
 *
 * @example
 * const result = validatePolicyYaml("tenant: my-app\nenforcment: {}\n");
 * result.errors[0]; // { path: "enforcment", line: 2, column: 1, code: "unknown_key", suggestion: "enforcement", ... }
 */
export function validatePolicyYaml(text: string): PolicyValidationResult & { readonly syntaxError: boolean } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error): PolicyIssue => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return {
        path: "",
        segments: [],
        line,
        column: col,
        message: firstLine(error.message),
        code: "yaml_syntax",
      };
    });
    return { valid: false, errors, syntaxError: true };
  }
  const result = validatePolicy(doc.toJS({ maxAliasCount: 100 }));
  if (result.valid) return { ...result, syntaxError: false };
  const summary = result.errors.filter((issue) => issue.code === "too_many_issues");
  const errors = result.errors
    .filter((issue) => issue.code !== "too_many_issues")
    .map((issue) => {
      const position = locatePath(doc, lineCounter, issue.segments, issue.code === "unknown_key");
      return position === undefined ? issue : { ...issue, line: position.line, column: position.column };
    });
  // Report in reading order, whatever order the schema checked in; the "and N more" summary last.
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { valid: false, errors: [...errors, ...summary], syntaxError: false };
}

/**
 * Parses policy YAML and validates it against the schema.
 *
 * @throws {Sec0Error} `POLICY_YAML_SYNTAX` when the text is not valid YAML (details carry line and
 *   column); `POLICY_INVALID` when the document breaks the schema (details list every issue with
 *   its path, line and column, and a suggestion for unknown keys).
 * @example
 * const policy = parsePolicyYaml('tenant: my-app\ntools:\n  allowlist: ["*"]\n');
 * policy.tools?.allowlist; // ["*"]
 */
export function parsePolicyYaml(text: string): ParsedPolicy {
  const result = validatePolicyYaml(text);
  if (result.valid && result.policy !== undefined) return result.policy;
  const summary = result.errors.map(describeIssue).join("; ");
  const details = { errors: result.errors.map(({ segments: _segments, ...rest }) => rest) };
  if (result.syntaxError) {
    const first = result.errors[0];
    throw new Sec0Error(
      "POLICY_YAML_SYNTAX",
      `Policy YAML does not parse at line ${first?.line ?? 1}, column ${first?.column ?? 1}: ${first?.message ?? "syntax error"}. Fix the indentation or quoting there.`,
      { details },
    );
  }
  throw new Sec0Error("POLICY_INVALID", `Invalid policy: ${summary}.`, { details });
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}
