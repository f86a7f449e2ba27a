import { resolveActiveDetectors } from "./active-detectors.js";
import { type AgentGuardConfig, parseAgentGuardConfig } from "./config.js";
import { EMPTY_VERDICT, type GuardVerdict, judgeScan, type VerdictRules } from "./guard-verdict.js";
import { type ScanOptions, scanValue } from "./scan.js";
import type { Detector, ScanLocation } from "./types.js";

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

/** A compiled guard: build once from the policy, scan many values. */
export interface AgentGuard {
  readonly enabled: boolean;
  scanInput(value: unknown): GuardVerdict;
  scanOutput(value: unknown): GuardVerdict;
  /** Scans with an explicit location. */
  scan(value: unknown, location: ScanLocation): GuardVerdict;
}

/**
 * Compiles the `agent_guard` policy section (validated; bad fields throw `EVAL_CONFIG_INVALID`,
 * bad patterns `EVAL_PATTERN_INVALID`) into a reusable guard.
 *
 * Blocking: a finding whose action is `block` blocks when its severity reaches the detector's
 * `block_on_severity` (else the section's, else `high`), or when the number of `block` findings
 * reaches `block_on_count`. `redact` findings never block; `flag` findings are only recorded.
 *
 * @throws {Sec0Error} `EVAL_CONFIG_INVALID`, `EVAL_PATTERN_INVALID` (never for a section that
 *   `@sec0/policy` accepted: both read it through core's `AgentGuardPolicySchema`).
 * @example
 * const guard = createAgentGuard({ detectors: { pii: { action: "redact" } } });
 * guard.scanOutput({ email: "jane@corp.com" }).redacted; // { email: "[REDACTED:pii.email]" }
 */
export function createAgentGuard(
  config: AgentGuardConfig | undefined,
  options: AgentGuardOptions = {},
): AgentGuard {
  const cfg = parseAgentGuardConfig(config ?? {});
  const enabled = cfg.enabled !== false;
  const active = resolveActiveDetectors(cfg);
  const rules: VerdictRules = {
    settings: new Map(active.map((a) => [a.detector.id, a])),
    blockOnCount: cfg.block_on_count,
    onIncomplete: options.onIncomplete ?? "block",
    redactOutputs: options.redactOutputs === true,
  };
  // Built once, not per call: the guard runs on every tool call.
  const scanSetup = (location: ScanLocation): { detectors: Detector[]; options: ScanOptions } => ({
    detectors: active.filter((a) => a.locations.includes(location)).map((a) => a.detector),
    options: {
      location,
      ...(cfg.max_scan_bytes === undefined ? {} : { maxBytes: cfg.max_scan_bytes }),
      ...(options.maxScanMs === undefined ? {} : { maxTimeMs: options.maxScanMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    },
  });
  const setups = { input: scanSetup("input"), output: scanSetup("output") };
  const skips = { input: cfg.scan_inputs === false, output: cfg.scan_outputs === false };

  const scan = (value: unknown, location: ScanLocation): GuardVerdict => {
    if (!enabled || skips[location]) return EMPTY_VERDICT;
    const setup = setups[location];
    return judgeScan(value, location, scanValue(value, setup.detectors, setup.options), rules);
  };
  return { enabled, scan, scanInput: (v) => scan(v, "input"), scanOutput: (v) => scan(v, "output") };
}
