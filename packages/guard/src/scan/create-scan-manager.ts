import {
  type Clock,
  type Logger,
  type ScanFinding,
  type ScanKind,
  type ScanReport,
  severityRank,
  sha256Hex,
  silentLogger,
  systemClock,
} from "@sec0/core";
import { createMemoryScanStore, type ScanStore } from "./scan-store.js";
import {
  type ScanRecord,
  type ScanRunner,
  type ScanTarget,
  type ScanThresholds,
  type ScanVerdict,
  scanKey,
} from "./scan-types.js";

/** Decides from scan results whether changed code may run, scanning each code identity once. */
export interface ScanManager {
  /**
   * The verdict for `target` now. An unscanned target starts its scan; in `sync` mode the call
   * waits for it up to `timeoutMs` (then it is pending, and refused), in `background` mode it is
   * pending at once (refused only with `blockOnChange`). Synchronous when the result is known.
   */
  check(target: ScanTarget, thresholds: ScanThresholds): ScanVerdict | Promise<ScanVerdict>;
  /** Waits for scans in flight and for the store's writes. */
  flush(): Promise<void>;
}

/** What a scan manager is built from. */
export interface ScanManagerOptions {
  readonly runners: Readonly<Partial<Record<ScanKind, ScanRunner>>>;
  readonly store?: ScanStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Called once per finished scan, e.g. to write its signed audit record. Never throws through. */
  readonly onScanned?: (target: ScanTarget, record: ScanRecord) => void;
}

const PASS: ScanVerdict = Object.freeze({ reasons: Object.freeze([]), findings: Object.freeze([]) });
const KEPT_FINDINGS = 50;
/** The reason codes a scan of each kind refuses with. */
export const SCAN_REASONS: Readonly<Record<ScanKind, { readonly pending: string; readonly failed: string }>> =
  {
    sast: { pending: "sast_pending", failed: "sast_failed" },
    dast: { pending: "dast_pending", failed: "dast_failed" },
    skill: { pending: "skill_scan_pending", failed: "skill_scan_failed" },
  };

/**
 * Creates the scan manager: results are keyed by code identity (`kind`, subject, digest), kept in
 * `store` (in memory by default; `createFileScanStore(".sec0/scans")` survives restarts), trusted
 * for `cacheTtlMs`, and a scan of one identity runs once however many calls wait for it. A runner
 * that throws, or a kind without a runner, is a failed scan: changed code never runs on a scan
 * that did not happen.
 */
export function createScanManager(options: ScanManagerOptions): ScanManager {
  const store = options.store ?? createMemoryScanStore();
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const inFlight = new Map<string, Promise<ScanRecord>>();

  const scan = (target: ScanTarget, thresholds: ScanThresholds): Promise<ScanRecord> => {
    const key = scanKey(target);
    const running = inFlight.get(key);
    if (running !== undefined) return running;
    const started = clock.now();
    const runner = options.runners[target.kind];
    const report: Promise<ScanReport> =
      runner === undefined
        ? Promise.resolve(failedReport(target, "no scanner is configured for this kind", started, clock))
        : Promise.resolve()
            .then(() => runner(target))
            .catch((error: unknown) => failedReport(target, messageOf(error), started, clock));
    const done = report.then((finished) => {
      const record = recordOf(target, key, finished, thresholds, clock.now());
      store.put(record);
      inFlight.delete(key);
      try {
        options.onScanned?.(target, record);
      } catch (error) {
        logger.error({ err: messageOf(error) }, "sec0 scan record failed");
      }
      return record;
    });
    inFlight.set(key, done);
    return done;
  };

  return {
    check(target, thresholds) {
      const now = clock.now();
      const known = store.get(scanKey(target));
      if (known !== undefined && (known.expiresAt === undefined || known.expiresAt > now))
        return verdictOf(known, thresholds, now);
      const running = scan(target, thresholds);
      if (thresholds.mode === "background") return pendingVerdict(target, thresholds.blockOnChange);
      return waitFor(running, thresholds.timeoutMs).then((record) =>
        record === undefined ? pendingVerdict(target, true) : verdictOf(record, thresholds, clock.now()),
      );
    },
    async flush() {
      await Promise.allSettled([...inFlight.values()]);
      await store.flush();
    },
  };
}

/** Whether a stored result blocks now, and why. */
export function verdictOf(record: ScanRecord, thresholds: ScanThresholds, now: number): ScanVerdict {
  if (record.status === "pass") return PASS;
  if (record.blockedUntil !== undefined && record.blockedUntil <= now) return PASS;
  const blocking = record.findings.filter(
    (finding) => severityRank(finding.severity) >= severityRank(thresholds.blockOnSeverity),
  );
  const byCount = thresholds.blockOnCount !== undefined && record.findingCount >= thresholds.blockOnCount;
  // A scan that could not run blocks (fail closed); findings below the threshold do not.
  if (record.error === undefined && blocking.length === 0 && !byCount) return PASS;
  return {
    reasons: [SCAN_REASONS[record.kind].failed],
    findings: blocking.length > 0 ? blocking : record.findings,
  };
}

function pendingVerdict(target: ScanTarget, blocks: boolean): ScanVerdict {
  return blocks ? { reasons: [SCAN_REASONS[target.kind].pending], findings: [] } : PASS;
}

function recordOf(
  target: ScanTarget,
  key: string,
  report: ScanReport,
  thresholds: ScanThresholds,
  now: number,
): ScanRecord {
  const failedDast = target.kind === "dast" && report.status === "fail" && thresholds.ruleTtlMs !== undefined;
  return {
    key,
    kind: target.kind,
    subject: target.subject,
    digest: target.digest,
    status: report.status,
    scanner: report.scanner,
    evidenceSha256: report.evidenceSha256,
    findings: report.findings.slice(0, KEPT_FINDINGS),
    findingCount: report.findings.length,
    ...(report.error === undefined ? {} : { error: report.error }),
    scannedAt: now,
    ...(thresholds.cacheTtlMs === undefined || target.kind === "dast"
      ? {}
      : { expiresAt: now + thresholds.cacheTtlMs }),
    ...(failedDast ? { blockedUntil: now + (thresholds.ruleTtlMs as number) } : {}),
  };
}

function failedReport(target: ScanTarget, error: string, started: number, clock: Clock): ScanReport {
  const finding: ScanFinding = {
    ruleId: "sec0/scanner-error",
    message: error,
    severity: "high",
    source: "sec0",
  };
  return {
    kind: target.kind,
    status: "fail",
    findings: [finding],
    scanner: "none",
    evidenceSha256: sha256Hex(error),
    durationMs: clock.now() - started,
    error,
  };
}

function waitFor<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
