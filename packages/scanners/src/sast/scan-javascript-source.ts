import type { ScanFinding, ScanReport } from "@sec0/core";
import type { Linter } from "eslint";
import { buildReport, failedReport } from "../report.js";
import { maliciousCodeFindings } from "./malicious-code-findings.js";
import { PARSE_ERROR_RULE, sastRule } from "./rule-table.js";
import { sastLinter } from "./sast-linter.js";
import { originalLine, type SourceCandidate, sourceCandidates } from "./wrap-source.js";

/** Options of {@link scanJavaScriptSource}. */
export interface ScanJavaScriptSourceOptions {
  /** Names the source in findings; default `<handler>`. Not read from disk. */
  readonly filename?: string;
  /** The tool the source belongs to, copied onto every finding. */
  readonly tool?: string;
}

/** The scanner name the built-in SAST reports. */
export const BUILTIN_SAST_SCANNER = "builtin-sast@1";

/**
 * Built-in SAST of JavaScript source: a module, or a tool handler as `handler.toString()` gives it.
 * ESLint with the rules of rule-table.ts, plus @sec0/evaluator's malicious-code detector over the
 * same text. Source that does not parse (TypeScript syntax included) gets one low `parse_error`
 * finding; the malicious-code detector still runs. `fail` whenever there is any finding.
 */
export async function scanJavaScriptSource(
  source: string,
  options: ScanJavaScriptSourceOptions = {},
): Promise<ScanReport> {
  const startedAt = performance.now();
  const file = options.filename ?? "<handler>";
  const ctx = { kind: "sast", scanner: BUILTIN_SAST_SCANNER, startedAt } as const;
  const malicious = maliciousCodeFindings(source, file, options.tool);
  try {
    const eslintFindings = await lintFindings(source, file, options.tool);
    return buildReport(ctx, [...eslintFindings, ...malicious]);
  } catch (error) {
    return failedReport(ctx, "SCANNERS_SCANNER_FAILED", `ESLint failed: ${String(error)}`, malicious);
  }
}

async function lintFindings(source: string, file: string, tool?: string): Promise<ScanFinding[]> {
  const eslint = await sastLinter();
  let firstError: Linter.LintMessage | undefined;
  for (const candidate of sourceCandidates(source)) {
    const [result] = await eslint.lintText(candidate.text);
    const messages = result?.messages ?? [];
    const fatal = messages.find((m) => m.fatal === true);
    if (fatal === undefined) return dedupe(messages.map((m) => toFinding(m, candidate, source, file, tool)));
    firstError ??= fatal;
  }
  return [
    {
      ruleId: PARSE_ERROR_RULE.id,
      message: `Not parsed as JavaScript (${firstError?.message ?? "unknown error"}); only the malicious-code detector ran.`,
      severity: PARSE_ERROR_RULE.severity,
      file,
      ...(firstError === undefined ? {} : { line: firstError.line, column: firstError.column }),
      ...(tool === undefined ? {} : { tool }),
      source: "eslint",
    },
  ];
}

function toFinding(
  message: Linter.LintMessage,
  candidate: SourceCandidate,
  source: string,
  file: string,
  tool?: string,
): ScanFinding {
  const rule = message.ruleId === null ? undefined : sastRule(message.ruleId);
  return {
    ruleId: message.ruleId ?? "eslint",
    message: rule === undefined ? message.message : `${message.message} (${rule.meaning})`,
    severity: rule?.severity ?? "medium",
    ...(rule === undefined || rule.cwe.length === 0 ? {} : { cwe: rule.cwe }),
    file,
    line: originalLine(message.line, candidate, source),
    column: message.column,
    ...(tool === undefined ? {} : { tool }),
    source: "eslint",
  };
}

/** One finding per place and CWE: eslint-plugin-security and sec0's rules overlap on purpose. */
function dedupe(findings: readonly ScanFinding[]): ScanFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.line}:${f.column}:${f.cwe?.[0] ?? f.ruleId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
