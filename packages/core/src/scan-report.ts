// What a security scan of tool or skill code reports, shared by the scanners (`@sec0/scanners`)
// and the engine's scan manager (`@sec0/guard`), so neither depends on the other.
import type { Severity } from "./reason-codes.js";

/** The three scan hooks: static analysis of code, dynamic probing of a tool, a skill's content. */
export type ScanKind = "sast" | "dast" | "skill";

/** One finding of a scan, whatever produced it. */
export interface ScanFinding {
  /** The scanner's own rule id, e.g. `security/detect-child-process`, `dast/path-traversal`. */
  readonly ruleId: string;
  readonly message: string;
  readonly severity: Severity;
  /** CWE ids as `CWE-78`, when the rule maps to any. */
  readonly cwe?: readonly string[];
  /** Where, when known: a file (or `<handler>`), 1-based line and column. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The tool the finding is attributed to, when the scan covered several. */
  readonly tool?: string;
  /** What produced it: `eslint`, `malicious-code`, `semgrep`, `sarif:<tool>`, `nuclei`, `dast-probe`, `detector`. */
  readonly source: string;
}

/** A finished scan. `fail` also when the scanner itself could not run (a scan never passes by default). */
export interface ScanReport {
  readonly kind: ScanKind;
  readonly status: "pass" | "fail";
  readonly findings: readonly ScanFinding[];
  /** Which scanner ran, with its version when known: `builtin-sast@1`, `semgrep@1.90.0`. */
  readonly scanner: string;
  /** SHA-256 hex of the canonical evidence (the scanner's raw output, or the findings). */
  readonly evidenceSha256: string;
  readonly durationMs: number;
  /** Why it failed without findings (the scanner crashed, timed out, was not allowed to run). */
  readonly error?: string;
}
