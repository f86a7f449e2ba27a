import { canonicalize, type ScanFinding, type ScanKind, type ScanReport, sha256Hex } from "@sec0/core";
import type { ScannersErrorCode } from "./errors.js";

/** What every report builder needs: which hook, which scanner, when it started (`performance.now()`). */
export interface ReportContext {
  readonly kind: ScanKind;
  readonly scanner: string;
  readonly startedAt: number;
}

/**
 * A finished report: `fail` whenever there is any finding (thresholds are the engine's business).
 * The evidence hash is over `rawOutput` when given, else over the canonical JSON of the findings.
 */
export function buildReport(
  ctx: ReportContext,
  findings: readonly ScanFinding[],
  rawOutput?: string,
): ScanReport {
  return {
    kind: ctx.kind,
    status: findings.length > 0 ? "fail" : "pass",
    findings,
    scanner: ctx.scanner,
    evidenceSha256: sha256Hex(rawOutput ?? canonicalize(findings)),
    durationMs: Math.round((performance.now() - ctx.startedAt) * 1000) / 1000,
  };
}

/** A report of a scanner that could not run: always `fail`, `error` is `<CODE>: <message>`. */
export function failedReport(
  ctx: ReportContext,
  code: ScannersErrorCode,
  message: string,
  findings: readonly ScanFinding[] = [],
  rawOutput?: string,
): ScanReport {
  return { ...buildReport(ctx, findings, rawOutput), status: "fail", error: `${code}: ${message}` };
}
