import type { ScanFinding } from "@sec0/core";
import { maliciousCodeDetector } from "@sec0/evaluator";
import { MALICIOUS_CODE_CWE } from "./rule-table.js";

/** The 1-based line and column of a UTF-16 offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** @sec0/evaluator's malicious-code detector over a source text, as scan findings (CWE-506). */
export function maliciousCodeFindings(source: string, file: string, tool?: string): ScanFinding[] {
  return maliciousCodeDetector.detect(source).map((match) => ({
    ruleId: match.kind,
    message: match.message ?? `Malicious-code pattern ${match.kind} (confidence ${match.confidence}).`,
    severity: match.severity ?? maliciousCodeDetector.defaultSeverity,
    cwe: MALICIOUS_CODE_CWE,
    file,
    ...positionOf(source, match.start),
    ...(tool === undefined ? {} : { tool }),
    source: "malicious-code",
  }));
}
