import type { ScanFinding, ScanKind, ScanReport, Severity } from "@sec0/core";

/** What is scanned: one code identity (a tool's handler, a server snapshot, a skill revision). */
export interface ScanTarget {
  readonly kind: ScanKind;
  /** What the code belongs to: a tool ref (`mcp://files/read@1.0`) or a skill ref. */
  readonly subject: string;
  /** The code identity: handler hash, registry snapshot hash or skill digest. */
  readonly digest: string;
  /** The code itself, when the scanner reads it (a handler's source, a skill's text). */
  readonly source?: string;
  /** The policy's settings of this scan kind (which scanner, its ruleset), handed to the runner. */
  readonly settings?: unknown;
  /** Opaque to the manager: handed back to `onScanned` (the engine keeps the call's server there). */
  readonly origin?: unknown;
}

/** Runs one kind of scan. Throwing is a failed scan (never a pass). */
export type ScanRunner = (target: ScanTarget) => Promise<ScanReport>;

/** How results of one kind block a call (from the policy's `sast` / `dast` / `skills`). */
export interface ScanThresholds {
  readonly mode: "sync" | "background";
  /** A target not scanned yet blocks (`*_pending`). */
  readonly blockOnChange: boolean;
  readonly blockOnSeverity: Severity;
  readonly blockOnCount?: number | undefined;
  /** How long a result is trusted; DAST results never expire (`undefined`). */
  readonly cacheTtlMs?: number | undefined;
  /** How long a sync call may wait for its scan before it counts as pending. */
  readonly timeoutMs: number;
  /** DAST: how long a failed tool stays blocked, then it is allowed again. */
  readonly ruleTtlMs?: number | undefined;
}

/** A stored scan result. */
export interface ScanRecord {
  readonly key: string;
  readonly kind: ScanKind;
  readonly subject: string;
  readonly digest: string;
  readonly status: "pass" | "fail";
  readonly scanner: string;
  readonly evidenceSha256: string;
  /** At most 50 findings are kept; `findingCount` says how many there were. */
  readonly findings: readonly ScanFinding[];
  readonly findingCount: number;
  readonly error?: string;
  readonly scannedAt: number;
  /** When the result stops being trusted (absent: never). */
  readonly expiresAt?: number;
  /** DAST: blocked until then; allowed after. */
  readonly blockedUntil?: number;
}

/** What the scans say about a call: nothing, or the reasons (and findings) that block it. */
export interface ScanVerdict {
  readonly reasons: readonly string[];
  readonly findings: readonly ScanFinding[];
}

/** The key of a target in the store and cache. */
export function scanKey(target: Pick<ScanTarget, "kind" | "subject" | "digest">): string {
  return `${target.kind}\u0000${target.subject}\u0000${target.digest}`;
}
