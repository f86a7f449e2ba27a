import type { ScanFinding, ScanReport, Severity } from "@sec0/core";
import { assertReportSize, assertResultCount, object, str } from "../bounded-json.js";
import { asList, normalizeCwes } from "../cwe.js";
import { buildReport } from "../report.js";

const SEVERITY: Record<string, Severity> = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  info: "low",
};

/**
 * Findings of Nuclei's `-jsonl` output, one result a line: `template-id`, `info.name`,
 * `info.severity` (info → low, unknown → medium), `info.classification.cwe-id`, `matched-at`,
 * `matcher-name`, `extracted-results`. Lines that are not a JSON object with a `template-id` are
 * skipped and counted in one low `nuclei/unparsed-line` finding. Kind `dast`; evidence over `text`.
 * Throws `SCANNERS_INPUT_TOO_LARGE` over 32 MiB or 100 000 lines.
 */
export function parseNucleiJsonl(text: string): ScanReport {
  const startedAt = performance.now();
  assertReportSize(text, "Nuclei output");
  const lines = text.split("\n").filter((line) => line.trim().length > 0);
  assertResultCount(lines.length, "Nuclei output");
  const findings: ScanFinding[] = [];
  let unparsed = 0;
  for (const line of lines) {
    const finding = lineFinding(line);
    if (finding === undefined) unparsed += 1;
    else findings.push(finding);
  }
  if (unparsed > 0) {
    findings.push({
      ruleId: "nuclei/unparsed-line",
      message: `${unparsed} line(s) of the Nuclei output were not results and were skipped.`,
      severity: "low",
      source: "nuclei",
    });
  }
  return buildReport({ kind: "dast", scanner: "nuclei", startedAt }, findings, text);
}

function lineFinding(line: string): ScanFinding | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const result = object(value);
  const templateId = str(result["template-id"]);
  if (templateId === undefined) return undefined;
  const info = object(result.info);
  const cwe = normalizeCwes(asList(object(info.classification)["cwe-id"]));
  const matchedAt = str(result["matched-at"]) ?? str(result.host);
  return {
    ruleId: templateId,
    message: messageOf(info, result),
    severity: SEVERITY[String(info.severity).toLowerCase()] ?? "medium",
    ...(cwe.length === 0 ? {} : { cwe }),
    ...(matchedAt === undefined ? {} : { file: matchedAt }),
    source: "nuclei",
  };
}

function messageOf(info: Record<string, unknown>, result: Record<string, unknown>): string {
  const parts = [str(info.name) ?? String(result["template-id"])];
  const matcher = str(result["matcher-name"]);
  if (matcher !== undefined) parts.push(`matcher ${matcher}`);
  const extracted = asList(result["extracted-results"]).filter((v) => typeof v === "string");
  if (extracted.length > 0) parts.push(`extracted ${JSON.stringify(extracted.slice(0, 5)).slice(0, 300)}`);
  return parts.join("; ");
}
