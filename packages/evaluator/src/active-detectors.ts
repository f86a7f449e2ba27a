import type { Severity } from "@sec0/core";
import { type AgentGuardConfig, type AgentGuardCustomRule, LEGACY_PATTERN_KEYS } from "./config.js";
import { BUILTIN_DETECTORS, DEFAULT_LOCATIONS } from "./detectors/builtin.js";
import {
  promptInjectionDetector,
  promptInjectionInputDetector,
} from "./detectors/prompt-injection/prompt-injection.js";
import { createPatternDetector } from "./pattern-detector.js";
import type { Detector, DetectorId, FindingAction, ScanLocation } from "./types.js";

/** Default block threshold when the policy sets neither `block_on_severity` nor `block_on_count`. */
export const DEFAULT_BLOCK_ON_SEVERITY: Severity = "high";

/** A detector the guard runs, with the settings the policy gives it. */
export interface ActiveDetector {
  readonly detector: Detector;
  readonly locations: readonly ScanLocation[];
  /** Findings below are dropped. */
  readonly minConfidence: number;
  /** A `block` finding at or above blocks; `undefined` leaves blocking to `block_on_count`. */
  readonly blockOn: Severity | undefined;
  readonly action: FindingAction;
}

const LEGACY_KEY_OF = Object.fromEntries(
  Object.entries(LEGACY_PATTERN_KEYS).map(([key, id]) => [id, key]),
) as Partial<Record<DetectorId, keyof typeof LEGACY_PATTERN_KEYS>>;

/**
 * The detectors a validated `agent_guard` section turns on: every built-in one not disabled (its
 * patterns replaced by a non-empty 0.2.3 override list), then one per custom rule.
 *
 * @throws {Sec0Error} `EVAL_PATTERN_INVALID` for a pattern that does not compile (the schema
 *   already refuses those, so only for a section that skipped validation).
 */
export function resolveActiveDetectors(cfg: AgentGuardConfig): ActiveDetector[] {
  const globalBlock =
    cfg.block_on_severity ?? (cfg.block_on_count === undefined ? DEFAULT_BLOCK_ON_SEVERITY : undefined);
  const active: ActiveDetector[] = [];
  for (const id of Object.keys(BUILTIN_DETECTORS) as DetectorId[]) {
    const dc = cfg.detectors?.[id] ?? {};
    if (dc.enabled === false) continue;
    const settings = {
      minConfidence: dc.min_confidence ?? 0.5,
      blockOn: dc.block_on_severity ?? globalBlock,
      action: dc.action ?? "block",
    } as const;
    const detector = builtinDetector(cfg, id);
    if (detector === promptInjectionDetector) {
      // The agent-injection score reads what the agent reads: outputs. Inputs get rules + classifier.
      active.push({ detector: promptInjectionInputDetector, locations: ["input"], ...settings });
      active.push({ detector, locations: ["output"], ...settings });
      continue;
    }
    active.push({ detector, locations: DEFAULT_LOCATIONS[id], ...settings });
  }
  (cfg.custom ?? []).forEach((rule, i) => {
    active.push(customDetector(cfg, rule, i, globalBlock));
  });
  return active;
}

function builtinDetector(cfg: AgentGuardConfig, id: DetectorId): Detector {
  const legacyKey = LEGACY_KEY_OF[id];
  const legacy = legacyKey ? cfg[legacyKey] : undefined;
  if (legacy === undefined || legacy.length === 0) return BUILTIN_DETECTORS[id];
  return createPatternDetector(BUILTIN_DETECTORS[id], legacy, `agent_guard.${legacyKey}`, {
    sensitive: id === "secrets" || id === "pii",
  });
}

function customDetector(
  cfg: AgentGuardConfig,
  rule: AgentGuardCustomRule,
  index: number,
  globalBlock: Severity | undefined,
): ActiveDetector {
  return {
    detector: createPatternDetector(
      { id: `custom:${rule.id}`, code: "agent_policy_violation", defaultSeverity: rule.severity },
      [rule.pattern],
      `agent_guard.custom[${index}].pattern`,
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
  };
}
