import { type Severity, severityRank } from "@sec0/core";
import { type AgentGuardConfig, LEGACY_PATTERN_KEYS, parseAgentGuardConfig } from "./config.js";
import { BUILTIN_DETECTORS, DEFAULT_LOCATIONS } from "./detectors/builtin.js";
import { createPatternDetector } from "./pattern-detector.js";
import { redactValue } from "./redact.js";
import { scanValue } from "./scan.js";
import type { Detector, DetectorId, Finding, FindingAction, ScanLocation } from "./types.js";

/** Runtime options that are not part of the policy. */
export interface AgentGuardOptions {
  /** Time budget per scan (ms). Default 250. */
  maxScanMs?: number;
  /** What to do when a scan could not examine everything (time or size cap, detector error). Default "block". */
  onIncomplete?: "block" | "allow";
  /** Redact every output finding, not only those whose action is `redact` (policy `privacy.redact_outputs`). */
  redactOutputs?: boolean;
  /** Monotonic clock (ms), for tests. */
  now?: () => number;
}

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

/** A compiled guard: build once from the policy, scan many values. */
export interface AgentGuard {
  readonly enabled: boolean;
  scanInput(value: unknown): GuardVerdict;
  scanOutput(value: unknown): GuardVerdict;
  /** Scans with an explicit location. */
  scan(value: unknown, location: ScanLocation): GuardVerdict;
}

interface Active {
  readonly detector: Detector;
  readonly locations: readonly ScanLocation[];
  readonly minConfidence: number;
  readonly blockOn: Severity | undefined;
  readonly action: FindingAction;
}

const ALLOW_EMPTY: GuardVerdict = {
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

/** Default block threshold when the policy sets neither `block_on_severity` nor `block_on_count`. */
export const DEFAULT_BLOCK_ON_SEVERITY: Severity = "high";

/**
 * Compiles the `agent_guard` policy section (validated; bad fields throw `EVAL_CONFIG_INVALID`,
 * bad patterns `EVAL_PATTERN_INVALID`) into a reusable guard.
 *
 * Blocking: a finding whose action is `block` blocks when its severity reaches the detector's
 * `block_on_severity` (else the section's, else `high`), or when the number of `block` findings
 * reaches `block_on_count`. `redact` findings never block; `flag` findings are only recorded.
 */
export function createAgentGuard(
  config: AgentGuardConfig | undefined,
  options: AgentGuardOptions = {},
): AgentGuard {
  const cfg = parseAgentGuardConfig(config ?? {});
  const enabled = cfg.enabled !== false;
  const globalBlock =
    cfg.block_on_severity ?? (cfg.block_on_count === undefined ? DEFAULT_BLOCK_ON_SEVERITY : undefined);
  const active: Active[] = [];
  for (const id of Object.keys(BUILTIN_DETECTORS) as DetectorId[]) {
    const dc = cfg.detectors?.[id] ?? {};
    if (dc.enabled === false) continue;
    let detector = BUILTIN_DETECTORS[id];
    const legacyKey = (Object.keys(LEGACY_PATTERN_KEYS) as (keyof typeof LEGACY_PATTERN_KEYS)[]).find(
      (k) => LEGACY_PATTERN_KEYS[k] === id,
    );
    const legacy = legacyKey ? cfg[legacyKey] : undefined;
    if (legacy && legacy.length > 0)
      detector = createPatternDetector(detector, legacy, `agent_guard.${legacyKey}`, {
        sensitive: id === "secrets" || id === "pii",
      });
    active.push({
      detector,
      locations: DEFAULT_LOCATIONS[id],
      minConfidence: dc.min_confidence ?? 0.5,
      blockOn: dc.block_on_severity ?? globalBlock,
      action: dc.action ?? "block",
    });
  }
  (cfg.custom ?? []).forEach((rule, i) => {
    active.push({
      detector: createPatternDetector(
        { id: `custom:${rule.id}`, code: "agent_policy_violation", defaultSeverity: rule.severity },
        [rule.pattern],
        `agent_guard.custom[${i}].pattern`,
        {
          kind: `custom.${rule.id}`,
          flags: rule.flags ?? "i",
          message: rule.message ?? `Custom rule ${rule.id} matched`,
        },
      ),
      locations:
        rule.location === "input" ? ["input"] : rule.location === "output" ? ["output"] : ["input", "output"],
      minConfidence: 0,
      blockOn: rule.severity
        ? (cfg.block_on_severity ?? (cfg.block_on_count === undefined ? rule.severity : undefined))
        : globalBlock,
      action: rule.action ?? "block",
    });
  });
  const byLocation = {
    input: active.filter((a) => a.locations.includes("input")),
    output: active.filter((a) => a.locations.includes("output")),
  };
  const settings = new Map(active.map((a) => [a.detector.id, a]));
  // Built once, not per call: the guard runs on every tool call.
  const scanSetup = (location: ScanLocation) => ({
    detectors: byLocation[location].map((a) => a.detector),
    options: {
      location,
      ...(cfg.max_scan_bytes === undefined ? {} : { maxBytes: cfg.max_scan_bytes }),
      ...(options.maxScanMs === undefined ? {} : { maxTimeMs: options.maxScanMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    },
  });
  const setups = { input: scanSetup("input"), output: scanSetup("output") };

  const scan = (value: unknown, location: ScanLocation): GuardVerdict => {
    if (!enabled) return ALLOW_EMPTY;
    if (location === "input" && cfg.scan_inputs === false) return ALLOW_EMPTY;
    if (location === "output" && cfg.scan_outputs === false) return ALLOW_EMPTY;
    const setup = setups[location];
    const result = scanValue(value, setup.detectors, setup.options);
    const findings: Finding[] = [];
    for (const f of result.findings) {
      const s = settings.get(f.detector)!;
      if (f.confidence < s.minConfidence) continue;
      const ruleId = f.detector.startsWith("custom:") ? f.detector.slice(7) : undefined;
      findings.push({ ...f, action: s.action, ...(ruleId === undefined ? {} : { ruleId }) });
    }
    const reasons: string[] = [];
    const codes = new Set<string>();
    const blocking = findings.filter((f) => f.action === "block");
    for (const f of blocking) {
      const threshold = settings.get(f.detector)!.blockOn;
      if (threshold !== undefined && severityRank(f.severity) >= severityRank(threshold)) {
        reasons.push(`${f.code} (${f.kind}, ${f.severity} ≥ ${threshold}) at ${f.path}`);
        codes.add(f.code);
      }
    }
    if (cfg.block_on_count !== undefined && blocking.length >= cfg.block_on_count) {
      reasons.push(`${blocking.length} finding(s) ≥ block_on_count ${cfg.block_on_count}`);
      for (const f of blocking) codes.add(f.code);
    }
    const incomplete = result.timedOut || result.errors.length > 0 || result.truncated;
    if (incomplete && (options.onIncomplete ?? "block") === "block") {
      reasons.push(
        result.timedOut
          ? "scan timed out before examining every string"
          : result.errors.length > 0
            ? `detector error: ${result.errors.join(", ")}`
            : "scan truncated at max_scan_bytes",
      );
      codes.add("agent_guard_incomplete");
    }
    const blocked = reasons.length > 0;
    if (blocked) codes.add("agent_guard_failed");
    const toRedact = findings.filter(
      (f) => f.action === "redact" || (location === "output" && options.redactOutputs === true),
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
  };
  return { enabled, scan, scanInput: (v) => scan(v, "input"), scanOutput: (v) => scan(v, "output") };
}
