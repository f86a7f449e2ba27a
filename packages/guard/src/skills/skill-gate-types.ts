import type { AuditSink, Clock, Logger, ScanFinding } from "@sec0/core";
import type { CompiledSkillScans } from "@sec0/policy";
import type { ScanStore } from "../scan/scan-store.js";
import type { ScanRunner } from "../scan/scan-types.js";

/** What the skill gate is built from. */
export interface SkillGateOptions {
  /** The policy's `skills` section, compiled: `compilePolicy(policy).scans.skills`. */
  readonly policy: CompiledSkillScans;
  /** Receives one record per check (`node_type: "skill"`); lost records are logged, never thrown. */
  readonly auditSink?: AuditSink;
  /** Where scan results persist; default `createFileScanStore(".sec0/scans")`. */
  readonly store?: ScanStore;
  /** The committed baseline; default `policy.baselinePath ?? ".sec0/skills-baseline.json"`. */
  readonly baselinePath?: string;
  /** Scans one skill revision (`kind: "skill"`); default {@link createSkillScanner}'s detectors. */
  readonly scan?: ScanRunner;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Written into audit records; default `unknown`. */
  readonly tenant?: string;
}

/** One skill to check: its reference and, to verify and scan it, its text or its folder. */
export interface SkillInput {
  /** `source/author/name@version#digest` (version and digest optional). */
  readonly ref: string;
  /** The skill's text (one `SKILL.md`). Give this or `dir`, not both. */
  readonly content?: string;
  /** A `SKILL.md`-style folder: every text file under it is read and scanned. */
  readonly dir?: string;
}

/** How a skill compares with its committed baseline entry. */
export type SkillChange = "first_seen" | "unchanged" | "version_changed" | "code_changed";

/** Whether a skill may load. */
export interface SkillVerdict {
  readonly allowed: boolean;
  /** Only refusing reasons (empty when allowed); what changed is in `change`. */
  readonly reasons: readonly string[];
  /** Integrity findings and the scan's findings (each naming its file). */
  readonly findings: readonly ScanFinding[];
  /** `source/author/name@version#digest`, `unknown` for a missing part. */
  readonly revisionRef: string;
  /** SHA-256 hex of the skill's content (or the ref's digest when no content was given). */
  readonly digest: string;
  readonly change: SkillChange;
}

/** Checks skills against the policy's `skills` section and their scans. */
export interface SkillGate {
  /**
   * @throws {Sec0Error} `POLICY_SKILL_REF_INVALID` for a malformed `ref`; `GUARD_CONFIG_INVALID`
   *   when both `content` and `dir` are given.
   */
  check(skill: SkillInput): Promise<SkillVerdict>;
  /** Waits for scans in flight and writes the scan store and the baseline. */
  close(): Promise<void>;
}
