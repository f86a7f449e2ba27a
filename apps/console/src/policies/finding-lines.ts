import type { PolicyFinding } from "./policy-types.js";

/** How a gutter line is marked: an error wins over a warning on the same line. */
export type LineMark = "error" | "warning";

/**
 * The marks of the editor's gutter: each finding's line, clamped to the text's lines (a parser
 * may place an "unexpected end" one past the last line), errors over warnings.
 *
 * @example
 * lineMarks([{ line: 3, ... }], [], 5); // Map { 3 => "error" }
 */
export function lineMarks(
  errors: readonly PolicyFinding[],
  warnings: readonly PolicyFinding[],
  lineCount: number,
): Map<number, LineMark> {
  const marks = new Map<number, LineMark>();
  const last = Math.max(1, lineCount);
  for (const warning of warnings) {
    if (warning.line !== null) marks.set(Math.min(warning.line, last), "warning");
  }
  for (const error of errors) {
    if (error.line !== null) marks.set(Math.min(error.line, last), "error");
  }
  return marks;
}

/**
 * The sentence shown for a finding: where it is, what it is, its code, and the fix when the
 * validator suggests one.
 *
 * @example
 * describeFinding({ line: 3, column: 14, message: "Expected an array", code: "invalid_type", path: "tools.allowlist" });
 * // "line 3, column 14: Expected an array (invalid_type)"
 */
export function describeFinding(finding: PolicyFinding): string {
  const where =
    finding.line === null
      ? finding.path === ""
        ? "whole policy"
        : finding.path
      : finding.column === null
        ? `line ${finding.line}`
        : `line ${finding.line}, column ${finding.column}`;
  const fix = finding.suggestion === undefined || finding.suggestion === "" ? "" : ` ${finding.suggestion}`;
  return `${where}: ${finding.message} (${finding.code})${fix}`;
}

/** The number of lines the editor's gutter shows for a text (at least one). */
export function countLines(text: string): number {
  let count = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count++;
  return count;
}
