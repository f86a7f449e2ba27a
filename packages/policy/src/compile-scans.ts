import { type Allowlist, compileAllowlist, Sec0Error, type Severity } from "@sec0/core";
import { POLICY_DEFAULTS } from "./defaults.js";
import { parseDuration } from "./duration.js";
import type { DastPolicy } from "./schema/dast.js";
import type { Policy } from "./schema/policy-schema.js";
import type { SastPolicy } from "./schema/sast.js";
import type { SkillsPolicy } from "./schema/skills.js";

/** How a scan runs: `sync` makes the first call after a change wait; `background` lets it go on. */
export type ScanMode = "sync" | "background";

/** Which static analyser runs. */
export type SastScanner =
  | { readonly kind: "builtin" }
  | { readonly kind: "semgrep"; readonly bin: string; readonly ruleset: string; readonly timeoutMs: number };

/** `sast`, resolved. */
export interface CompiledSast {
  readonly enabled: boolean;
  readonly mode: ScanMode;
  readonly blockOnChange: boolean;
  readonly blockOnSeverity: Severity;
  readonly blockOnCount?: number;
  readonly cacheTtlMs: number;
  readonly timeoutMs: number;
  readonly scanner: SastScanner;
}

/** `dast.nuclei`, resolved. */
export interface CompiledNuclei {
  readonly bin: string;
  readonly templates: string;
  readonly target: string;
  readonly tags: readonly string[];
  readonly excludeTags: readonly string[];
  readonly severity: readonly Severity[];
  readonly timeoutMs: number;
}

/** `dast`, resolved. */
export interface CompiledDast {
  readonly enabled: boolean;
  readonly mode: ScanMode;
  readonly blockOnChange: boolean;
  readonly blockOnSeverity: Severity;
  readonly blockOnCount?: number;
  /** How long a tool that failed stays blocked (`dast_failed`) before it is allowed again; 0 when unset. */
  readonly ruleTtlMs: number;
  readonly timeoutMs: number;
  readonly maxProbes: number;
  readonly nuclei?: CompiledNuclei;
}

/** `skills`, resolved. */
export interface CompiledSkillScans {
  readonly enabled: boolean;
  /** `skills.allowlist` compiled with core's one matcher; `undefined` when absent (no skill check). */
  readonly allowlist?: Allowlist;
  readonly denyIfUnpinnedVersion: boolean;
  readonly scanOnChangeOnly: boolean;
  readonly blockOnChange: boolean;
  readonly blockOnSeverity: Severity;
  readonly baselinePath?: string;
}

/** The security hooks' settings: SAST, DAST and skill scans. */
export interface CompiledScans {
  readonly sast: CompiledSast;
  readonly dast: CompiledDast;
  readonly skills: CompiledSkillScans;
}

/**
 * Resolves `sast`, `dast` and `skills` with `POLICY_DEFAULTS`: each is disabled when its section
 * is absent; `skills.enabled` defaults to true when the section is present.
 *
 * @throws {Sec0Error} `POLICY_INVALID` for a policy that skipped validation and enables `dast`
 *   without `rule_ttl`, or picks `scanner: semgrep` without `semgrep.ruleset`;
 *   `POLICY_DURATION_INVALID` for a bad duration there.
 */
export function compileScans(policy: Policy): CompiledScans {
  return {
    sast: compileSast(policy.sast),
    dast: compileDast(policy.dast),
    skills: compileSkillScans(policy.skills),
  };
}

function compileSast(section: SastPolicy = {}): CompiledSast {
  const defaults = POLICY_DEFAULTS.sast;
  return {
    enabled: section.enabled ?? defaults.enabled,
    mode: section.mode ?? defaults.mode,
    blockOnChange: section.block_on_change ?? defaults.blockOnChange,
    blockOnSeverity: section.block_on_severity ?? defaults.blockOnSeverity,
    ...(section.block_on_count === undefined ? {} : { blockOnCount: section.block_on_count }),
    cacheTtlMs: parseDuration(section.cache_ttl ?? defaults.cacheTtl),
    timeoutMs: section.timeout_ms ?? defaults.timeoutMs,
    scanner: sastScanner(section),
  };
}

function sastScanner(section: SastPolicy): SastScanner {
  if ((section.scanner ?? POLICY_DEFAULTS.sast.scanner) === "builtin") return { kind: "builtin" };
  const ruleset = section.semgrep?.ruleset;
  if (ruleset === undefined) throw unvalidated("sast.semgrep.ruleset", "scanner: semgrep needs a ruleset");
  return {
    kind: "semgrep",
    bin: section.semgrep?.bin ?? POLICY_DEFAULTS.sast.semgrepBin,
    ruleset,
    timeoutMs: section.semgrep?.timeout_ms ?? POLICY_DEFAULTS.sast.semgrepTimeoutMs,
  };
}

function compileDast(section: DastPolicy = {}): CompiledDast {
  const defaults = POLICY_DEFAULTS.dast;
  const enabled = section.enabled ?? defaults.enabled;
  if (enabled && section.rule_ttl === undefined) {
    throw unvalidated("dast.rule_ttl", "dast.enabled: true needs rule_ttl");
  }
  const nuclei = section.nuclei;
  return {
    enabled,
    mode: section.mode ?? defaults.mode,
    blockOnChange: section.block_on_change ?? defaults.blockOnChange,
    blockOnSeverity: section.block_on_severity ?? defaults.blockOnSeverity,
    ...(section.block_on_count === undefined ? {} : { blockOnCount: section.block_on_count }),
    ruleTtlMs: section.rule_ttl === undefined ? 0 : parseDuration(section.rule_ttl),
    timeoutMs: section.timeout_ms ?? defaults.timeoutMs,
    maxProbes: section.max_probes ?? defaults.maxProbes,
    ...(nuclei === undefined
      ? {}
      : {
          nuclei: {
            bin: nuclei.bin ?? defaults.nucleiBin,
            templates: nuclei.templates,
            target: nuclei.target,
            tags: nuclei.tags ?? [],
            excludeTags: nuclei.exclude_tags ?? [],
            severity: nuclei.severity ?? defaults.nucleiSeverity,
            timeoutMs: nuclei.timeout_ms ?? defaults.nucleiTimeoutMs,
          },
        }),
  };
}

function compileSkillScans(section: SkillsPolicy | undefined): CompiledSkillScans {
  const defaults = POLICY_DEFAULTS.skills;
  const present = section ?? {};
  return {
    enabled: present.enabled ?? (section === undefined ? defaults.enabled : defaults.enabledWhenPresent),
    ...(present.allowlist === undefined ? {} : { allowlist: compileAllowlist(present.allowlist) }),
    denyIfUnpinnedVersion: present.deny_if_unpinned_version ?? defaults.denyIfUnpinnedVersion,
    scanOnChangeOnly: present.scan_on_change_only ?? defaults.scanOnChangeOnly,
    blockOnChange: present.block_on_change ?? defaults.blockOnChange,
    blockOnSeverity: present.block_on_severity ?? defaults.blockOnSeverity,
    ...(present.baseline === undefined ? {} : { baselinePath: present.baseline }),
  };
}

function unvalidated(path: string, what: string): Sec0Error {
  return new Sec0Error("POLICY_INVALID", `Invalid policy: ${path}: ${what} (validate the policy first).`, {
    details: { errors: [{ path, message: what, code: "missing" }] },
  });
}
