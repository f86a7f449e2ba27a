import type { ScanFinding, ScanKind, ScanReport } from "@sec0/core";
import { assertResultCount, object, objects, parseReportJson, posInt, str } from "../bounded-json.js";
import { asList, normalizeCwes } from "../cwe.js";
import { buildReport } from "../report.js";
import { sarifSeverity } from "./sarif-severity.js";

/** Options of {@link importSarif}. */
export interface ImportSarifOptions {
  /** Which hook the report belongs to; default `sast`. */
  readonly kind?: ScanKind;
}

interface RuleInfo {
  readonly securitySeverity: unknown;
  readonly level: unknown;
  readonly cwe: readonly string[];
}

/**
 * Imports a SARIF 2.1.0 log of any scanner: every result of every run, with the rule's
 * `security-severity` or the level as severity, CWEs from the rule's `properties.tags`
 * (`external/cwe/cwe-078`, `CWE-78`) and the first location. Source `sarif:<driver name>`.
 * Throws `SCANNERS_INPUT_TOO_LARGE` over 32 MiB or 100 000 results, `SCANNERS_INPUT_INVALID` when not JSON.
 */
export function importSarif(text: string, options: ImportSarifOptions = {}): ScanReport {
  const startedAt = performance.now();
  const runs = objects(parseReportJson(text, "SARIF log").runs);
  assertResultCount(
    runs.reduce((n, run) => n + (Array.isArray(run.results) ? run.results.length : 0), 0),
    "SARIF log",
  );
  const findings: ScanFinding[] = [];
  const scanners: string[] = [];
  for (const run of runs) {
    const driver = object(object(run.tool).driver);
    const name = str(driver.name) ?? "unknown";
    const version = str(driver.semanticVersion) ?? str(driver.version);
    scanners.push(version === undefined ? name : `${name}@${version}`);
    const rules = ruleTable(driver);
    for (const result of objects(run.results)) findings.push(resultFinding(result, rules, `sarif:${name}`));
  }
  const scanner = scanners.length === 0 ? "sarif" : scanners.join("+");
  return buildReport({ kind: options.kind ?? "sast", scanner, startedAt }, findings, text);
}

/** Rule id (and index) → what the rule says about severity and CWEs. */
function ruleTable(driver: Record<string, unknown>): { byId: Map<string, RuleInfo>; byIndex: RuleInfo[] } {
  const byId = new Map<string, RuleInfo>();
  const byIndex: RuleInfo[] = [];
  for (const rule of objects(driver.rules)) {
    const props = object(rule.properties);
    const info: RuleInfo = {
      securitySeverity: props["security-severity"],
      level: object(rule.defaultConfiguration).level,
      cwe: normalizeCwes([...asList(props.tags), ...asList(props.cwe)]),
    };
    byIndex.push(info);
    const id = str(rule.id);
    if (id !== undefined) byId.set(id, info);
  }
  return { byId, byIndex };
}

function resultFinding(
  result: Record<string, unknown>,
  rules: ReturnType<typeof ruleTable>,
  source: string,
): ScanFinding {
  const ruleId = str(result.ruleId) ?? str(object(result.rule).id) ?? "sarif/unknown-rule";
  const index = posInt(result.ruleIndex) ?? (result.ruleIndex === 0 ? 0 : undefined);
  const rule = rules.byId.get(ruleId) ?? (index === undefined ? undefined : rules.byIndex[index]);
  const props = object(result.properties);
  const cwe = normalizeCwes([...(rule?.cwe ?? []), ...asList(props.tags)]);
  const physical = object(object(objects(result.locations)[0]).physicalLocation);
  const file = str(object(physical.artifactLocation).uri);
  const region = object(physical.region);
  const line = posInt(region.startLine);
  const column = posInt(region.startColumn);
  return {
    ruleId,
    message: str(object(result.message).text) ?? ruleId,
    severity: sarifSeverity(
      props["security-severity"] ?? rule?.securitySeverity,
      result.level ?? rule?.level,
    ),
    ...(cwe.length === 0 ? {} : { cwe }),
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    source,
  };
}
