import { type ScanFinding, type ScanReport, sha256Hex } from "@sec0/core";
import {
  type Detector,
  dataExfiltrationDetector,
  type Finding,
  maliciousCodeDetector,
  promptInjectionDetector,
  scanValue,
  toolPoisoningDetector,
} from "@sec0/evaluator";
import type { ScanRunner } from "../scan/scan-types.js";
import { splitSkillText } from "./skill-content.js";

/**
 * The detectors run over a skill's files: a skill is instructions for the model (injected
 * instructions, hidden tool-poisoning directives, exfiltration requests) plus scripts (malicious
 * code). PII, secrets and unsafe-command detectors stay off: a skill documents commands.
 */
export const SKILL_SCAN_DETECTORS: readonly Detector[] = [
  promptInjectionDetector,
  toolPoisoningDetector,
  dataExfiltrationDetector,
  maliciousCodeDetector,
];

const SCANNER = "sec0-skill-detectors@1";
const MIN_CONFIDENCE = 0.5;
const MAX_SCAN_MS = 2_000;

/**
 * Creates the default skill scanner: the evaluator's detectors over each text file of the
 * target's `source` (the canonical text of `readSkillContent`). Each finding becomes a
 * {@link ScanFinding} `skill/<detector>` naming its file and line; any finding fails the report
 * (the manager compares severities with `block_on_severity`). A file the detectors could not
 * scan whole (too long for the time budget, a detector error) fails with `skill/scan-incomplete`.
 * No source is a failed scan: there was nothing to scan.
 */
export function createSkillScanner(detectors: readonly Detector[] = SKILL_SCAN_DETECTORS): ScanRunner {
  return async (target) => {
    const started = Date.now();
    if (target.source === undefined) return failed("the skill's content was not given", started);
    const findings: ScanFinding[] = [];
    for (const file of splitSkillText(target.source)) {
      const result = scanValue(file.text, detectors, {
        maxBytes: file.text.length * 4 + 1,
        maxTimeMs: MAX_SCAN_MS,
      });
      for (const finding of result.findings) {
        if (finding.confidence >= MIN_CONFIDENCE) findings.push(toScanFinding(finding, file.path, file.text));
      }
      if (result.truncated || result.timedOut || result.errors.length > 0) {
        findings.push({
          ruleId: "skill/scan-incomplete",
          message: "The detectors could not scan this file whole.",
          severity: "high",
          file: file.path,
          source: "sec0",
        });
      }
    }
    return {
      kind: "skill",
      status: findings.length === 0 ? "pass" : "fail",
      findings,
      scanner: SCANNER,
      evidenceSha256: sha256Hex(JSON.stringify(findings)),
      durationMs: Date.now() - started,
    };
  };
}

function toScanFinding(finding: Finding, file: string, text: string): ScanFinding {
  return {
    ruleId: `skill/${finding.detector}`,
    message: `${finding.message} (${finding.kind}): ${finding.evidence}`,
    severity: finding.severity,
    file,
    line: lineAt(text, finding.start),
    source: "detector",
  };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < offset;
    index = text.indexOf("\n", index + 1)
  ) {
    line += 1;
  }
  return line;
}

function failed(error: string, started: number): ScanReport {
  return {
    kind: "skill",
    status: "fail",
    findings: [{ ruleId: "skill/content-missing", message: error, severity: "high", source: "sec0" }],
    scanner: SCANNER,
    evidenceSha256: sha256Hex(error),
    durationMs: Date.now() - started,
    error,
  };
}
