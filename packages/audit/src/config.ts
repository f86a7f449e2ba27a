import { Sec0Error } from "@sec0/core";
import { DURABILITY_MODES, type Durability } from "./day-writer.js";
import type { PresignConfig } from "./upload.js";

/** How record lines are signed: each on its own (`per_record`), or only through checkpoints. */
export const SIGNING_MODES = ["per_record", "checkpoint"] as const;

/** One of {@link SIGNING_MODES}. */
export type SigningMode = (typeof SIGNING_MODES)[number];

/** The appender's configuration (0.2.3's `Sec0Config` plus durability, checkpoints, retention). */
export interface AuditConfig {
  /** Directory of the daily files, e.g. `.sec0`. */
  readonly dir: string;
  /** Day files older than this many days are removed (never today's). Unset: keep everything. */
  readonly retentionDays?: number;
  /** Retention per record class (`retention_class` or `policy.retention`), in days; see README. */
  readonly retentionByClass?: Readonly<Record<string, number>>;
  /** `none` (OS buffers), `batch` (one fdatasync per group commit, the default) or `sync`. */
  readonly durability?: Durability;
  /**
   * `batch` only: how long (ms) a written line may wait for the group's `fdatasync`, so that one
   * sync covers the lines of several calls (default 10; 0 syncs every write at once). An append
   * whose caller waits for it (`{ urgent: true }`) is synced without waiting.
   */
  readonly syncDelayMs?: number;
  /**
   * `per_record` (default): every line carries its own Ed25519 signature. `checkpoint`: record
   * lines are canonical JSON without `sig`, hash-chained, and signed only by the next checkpoint
   * (faster; a record is provable once its checkpoint is written). See the README.
   */
  readonly signing?: SigningMode;
  /** Write a signed checkpoint after this many lines (default 1000; 0 disables the count). */
  readonly checkpointEvery?: number;
  /**
   * ...or after this many milliseconds with new lines (default 60000, or 1000 with
   * `signing: "checkpoint"`; 0 disables the timer).
   */
  readonly checkpointIntervalMs?: number;
  /** Upload day files to the control plane through presigned URLs. */
  readonly presign?: PresignConfig;
  /** Called with errors of background work (upload, retention, timed checkpoints). */
  readonly onAsyncError?: (error: unknown) => void;
}

/** {@link AuditConfig} with defaults applied. */
export interface ResolvedAuditConfig {
  readonly dir: string;
  readonly retentionDays: number | undefined;
  readonly retentionByClass: Readonly<Record<string, number>>;
  readonly durability: Durability;
  readonly syncDelayMs: number;
  readonly signing: SigningMode;
  readonly checkpointEvery: number;
  readonly checkpointIntervalMs: number;
  readonly presign: PresignConfig | undefined;
  readonly onAsyncError: (error: unknown) => void;
}

/**
 * Validates `config` and applies defaults.
 *
 * @throws {Sec0Error} `AUDIT_CONFIG_INVALID` naming the bad field.
 */
export function resolveConfig(config: AuditConfig): ResolvedAuditConfig {
  if (typeof config?.dir !== "string" || config.dir.trim() === "") {
    throw invalid("dir", 'config.dir must be a directory path, e.g. ".sec0"');
  }
  const durability = config.durability ?? "batch";
  if (!DURABILITY_MODES.includes(durability)) {
    throw invalid("durability", `config.durability must be one of ${DURABILITY_MODES.join(", ")}`);
  }
  const signing = config.signing ?? "per_record";
  if (!SIGNING_MODES.includes(signing)) {
    throw invalid("signing", `config.signing must be one of ${SIGNING_MODES.join(", ")}`);
  }
  const retentionByClass = config.retentionByClass ?? {};
  for (const [name, days] of Object.entries(retentionByClass)) checkDays(`retentionByClass.${name}`, days);
  if (config.retentionDays !== undefined) checkDays("retentionDays", config.retentionDays);
  return {
    dir: config.dir,
    retentionDays: config.retentionDays,
    retentionByClass,
    durability,
    syncDelayMs: count("syncDelayMs", config.syncDelayMs ?? 10, false),
    signing,
    checkpointEvery: count("checkpointEvery", config.checkpointEvery ?? 1000),
    checkpointIntervalMs: count(
      "checkpointIntervalMs",
      config.checkpointIntervalMs ?? (signing === "checkpoint" ? 1000 : 60_000),
      false,
    ),
    presign: config.presign,
    onAsyncError: config.onAsyncError ?? (() => undefined),
  };
}

function checkDays(field: string, days: number): void {
  if (typeof days !== "number" || !Number.isFinite(days) || days < 1) {
    throw invalid(field, `config.${field} must be a number of days, at least 1`);
  }
}

function count(field: string, value: number, zeroIsInfinite = true): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw invalid(field, `config.${field} must be a whole number ≥ 0`);
  return value === 0 && zeroIsInfinite ? Number.POSITIVE_INFINITY : value;
}

function invalid(field: string, message: string): Sec0Error {
  return new Sec0Error("AUDIT_CONFIG_INVALID", `new Sec0Appender: ${message}.`, { details: { field } });
}
