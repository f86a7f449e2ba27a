import type { ScanFinding, ScanReport, Severity } from "@sec0/core";
import { assertResultCount, object, objects, parseReportJson, posInt, str } from "../bounded-json.js";
import { asList, normalizeCwes } from "../cwe.js";
import { buildReport } from "../report.js";

const SEVERITY: Record<string, Severity> = {
  CRITICAL: "critical",
  ERROR: "high",
  HIGH: "high",
  WARNING: "medium",
  MEDIUM: "medium",
  INFO: "low",
  LOW: "low",
};

/**
 * Findings of `semgrep --json` output (v1.x): `results[]` with `check_id`, `path`, `start.line/col`,
 * `extra.message`, `extra.severity` (ERROR → high, WARNING → medium, INFO → low; the newer
 * CRITICAL/HIGH/MEDIUM/LOW as named) and `extra.metadata.cwe` ("CWE-78: …"). Each entry of
 * `errors[]` becomes a low `semgrep/scan-error` finding: a target Semgrep could not scan is not a pass.
 * Throws `SCANNERS_INPUT_INVALID` / `SCANNERS_INPUT_TOO_LARGE`; the evidence hash is over `text`.
 */
export function parseSemgrepJson(text: string): ScanReport {
  const startedAt = performance.now();
  const doc = parseReportJson(text, "Semgrep output");
  const results = objects(doc.results);
  const errors = objects(doc.errors);
  assertResultCount(results.length + errors.length, "Semgrep output");
  const findings = [...results.map(resultFinding), ...errors.map(errorFinding)];
  const version = str(doc.version);
  const scanner = version === undefined ? "semgrep" : `semgrep@${version}`;
  return buildReport({ kind: "sast", scanner, startedAt }, findings, text);
}

function resultFinding(result: Record<string, unknown>): ScanFinding {
  const extra = object(result.extra);
  const start = object(result.start);
  const cwe = normalizeCwes(asList(object(extra.metadata).cwe));
  const line = posInt(start.line);
  const column = posInt(start.col);
  const file = str(result.path);
  return {
    ruleId: str(result.check_id) ?? "semgrep/unknown-rule",
    message: str(extra.message) ?? "Semgrep finding",
    severity: SEVERITY[String(extra.severity).toUpperCase()] ?? "medium",
    ...(cwe.length === 0 ? {} : { cwe }),
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    source: "semgrep",
  };
}

function errorFinding(error: Record<string, unknown>): ScanFinding {
  const span = objects(error.spans)[0];
  const file = str(error.path) ?? str(span?.file);
  const type = str(Array.isArray(error.type) ? error.type[0] : error.type) ?? "error";
  const detail = str(error.message)?.slice(0, 300);
  return {
    ruleId: "semgrep/scan-error",
    message: `Semgrep could not scan everything: ${type}${detail === undefined ? "" : ` — ${detail}`}`,
    severity: "low",
    ...(file === undefined ? {} : { file }),
    source: "semgrep",
  };
}
