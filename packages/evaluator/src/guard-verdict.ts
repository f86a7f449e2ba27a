import { type Severity, severityRank } from "@sec0/core";
import type { ActiveDetector } from "./active-detectors.js";
import { redactValue } from "./redact.js";
import type { ScanResult } from "./scan.js";
import type { Finding, ScanLocation } from "./types.js";

/** The outcome of one guarded scan. */
export interface GuardVerdict {
  readonly decision: "allow" | "block";
  /** Human-readable reasons for the decision, one per blocking finding or condition. */
  readonly reasons: readonly string[];
  /** Reason codes: the finding codes that blocked plus `agent_guard_failed` when blocked. */
  readonly reasonCodes: readonly string[];
  /** Every finding at or above its detector's `min_confidence`, with the action that applies. */
  readonly findings: readonly Finding[];
  readonly maxSeverity: Severity | undefined;
  /** The value with `redact` findings (or all findings, for outputs with `redactOutputs`) replaced. */
  readonly redacted?: unknown;
  readonly bytesScanned: number;
  readonly truncated: boolean;
  readonly timedOut: boolean;
  readonly errors: readonly string[];
}

/** The verdict of a scan that did not run (guard or side switched off). */
export const EMPTY_VERDICT: GuardVerdict = {
  decision: "allow",
  reasons: [],
  reasonCodes: [],
  findings: [],
  maxSeverity: undefined,
  bytesScanned: 0,
  truncated: false,
  timedOut: false,
  errors: [],
};

/** How a scan's findings become a decision. */
export interface VerdictRules {
  /** Settings of each active detector, by detector id. */
  readonly settings: ReadonlyMap<string, ActiveDetector>;
  readonly blockOnCount: number | undefined;
  readonly onIncomplete: "block" | "allow";
  readonly redactOutputs: boolean;
}

/**
 * Turns the raw result of scanning `value` into a verdict: drops findings below their detector's
 * `min_confidence`, blocks on severity thresholds, `block_on_count` and incomplete scans, and
 * redacts what the actions (or `redactOutputs`) ask for.
 */
export function judgeScan(
  value: unknown,
  location: ScanLocation,
  result: ScanResult,
  rules: VerdictRules,
): GuardVerdict {
  const findings = keptFindings(result, rules.settings);
  const incomplete = incompleteFinding(result, location, rules.onIncomplete);
  if (incomplete !== undefined) findings.push(incomplete);
  const { reasons, codes } = blockingReasons(findings, rules);
  const blocked = reasons.length > 0;
  if (blocked) codes.add("agent_guard_failed");
  const toRedact = findings.filter(
    (f) =>
      f.code !== SCAN_INCOMPLETE && (f.action === "redact" || (location === "output" && rules.redactOutputs)),
  );
  let maxSeverity: Severity | undefined;
  for (const f of findings)
    if (severityRank(f.severity) > severityRank(maxSeverity)) maxSeverity = f.severity;
  return {
    decision: blocked ? "block" : "allow",
    reasons,
    reasonCodes: [...codes],
    findings,
    maxSeverity,
    ...(toRedact.length > 0 ? { redacted: redactValue(value, toRedact) } : {}),
    bytesScanned: result.bytesScanned,
    truncated: result.truncated,
    timedOut: result.timedOut,
    errors: result.errors,
  };
}

function incompleteReason(result: ScanResult): string {
  if (result.timedOut) return "scan timed out before examining every string";
  if (result.errors.length > 0) return `detector error: ${result.errors.join(", ")}`;
  if (result.depthExceeded) return "scan incomplete: value nested deeper than the scan depth limit";
  return "scan truncated at max_scan_bytes or the findings limit";
}

function keptFindings(result: ScanResult, settings: ReadonlyMap<string, ActiveDetector>): Finding[] {
  const findings: Finding[] = [];
  for (const f of result.findings) {
    const s = settings.get(f.detector)!;
    if (f.confidence < s.minConfidence) continue;
    const ruleId = f.detector.startsWith("custom:") ? f.detector.slice(7) : undefined;
    // A key cannot be redacted in place: what would redact it blocks instead.
    const action = f.inKey === true && s.action === "redact" ? "block" : s.action;
    findings.push({ ...f, action, ...(ruleId === undefined ? {} : { ruleId }) });
  }
  return findings;
}

function blockingReasons(
  findings: readonly Finding[],
  rules: VerdictRules,
): { reasons: string[]; codes: Set<string> } {
  const reasons: string[] = [];
  const codes = new Set<string>();
  const blocking = findings.filter((f) => f.action === "block" && f.code !== SCAN_INCOMPLETE);
  for (const f of blocking) {
    const threshold = rules.settings.get(f.detector)!.blockOn;
    if (threshold !== undefined && severityRank(f.severity) >= severityRank(threshold)) {
      reasons.push(`${f.code} (${f.kind}, ${f.severity} ≥ ${threshold}) at ${f.path}`);
      codes.add(f.code);
    }
  }
  if (rules.blockOnCount !== undefined && blocking.length >= rules.blockOnCount) {
    reasons.push(`${blocking.length} finding(s) ≥ block_on_count ${rules.blockOnCount}`);
    for (const f of blocking) codes.add(f.code);
  }
  const incomplete = findings.find((f) => f.code === SCAN_INCOMPLETE);
  if (incomplete?.action === "block") {
    reasons.push(incomplete.message);
    codes.add(SCAN_INCOMPLETE);
  }
  return { reasons, codes };
}

/** The finding code of a scan cut short by a cap (time, size, depth, count) or a detector error. */
export const SCAN_INCOMPLETE = "scan_incomplete";

// Part of the value went unexamined: that is a finding of its own, which blocks unless the
// guard's `on_incomplete` is `allow` (then it is only recorded).
function incompleteFinding(
  result: ScanResult,
  location: ScanLocation,
  onIncomplete: VerdictRules["onIncomplete"],
): Finding | undefined {
  if (!result.timedOut && result.errors.length === 0 && !result.truncated) return undefined;
  const kind = result.timedOut
    ? "timed_out"
    : result.errors.length > 0
      ? "detector_error"
      : result.depthExceeded
        ? "depth_exceeded"
        : "truncated";
  return {
    code: SCAN_INCOMPLETE,
    detector: "scan",
    kind,
    severity: "high",
    confidence: 1,
    path: "$",
    start: 0,
    end: 0,
    evidence: "",
    message: incompleteReason(result),
    location,
    action: onIncomplete === "block" ? "block" : "flag",
  };
}
