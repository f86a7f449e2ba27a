import type { ScanFinding } from "@sec0/core";
import type { CompiledDast, CompiledSast, PolicySnapshot } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { ToolCode } from "../engine/engine-options.js";
import type { ScanThresholds, ScanVerdict } from "../scan/scan-types.js";

/** What the security hooks say about a call: reasons it is refused for, and their findings. */
export interface ScanChecks {
  readonly reasons: readonly string[];
  readonly findings: readonly AuditFinding[];
}

type Verdict = ScanVerdict | Promise<ScanVerdict>;

const NONE: ScanChecks = Object.freeze({ reasons: Object.freeze([]), findings: Object.freeze([]) });
/** DAST start-up and listing on top of its probes' budget. */
const DAST_SETUP_MS = 10_000;

/**
 * Step 3a: the SAST and DAST hooks. With `sast.enabled`, the tool's handler code (as the surface
 * reads it) must have a passing scan for its current digest: a changed handler is scanned once
 * (the call waits in `sync` mode, up to `sast.timeout_ms`), a failing scan refuses it as
 * `sast_failed`, one still running as `sast_pending` (in `background` mode only with
 * `block_on_change`). With `dast.enabled`, a handler digest without a DAST result is probed once
 * by the surface's `dast` runner (the call waits in `sync` mode up to every probe's timeout plus
 * start-up and Nuclei's), a failing run refuses it as `dast_failed` for `rule_ttl`. Both run when
 * both are enabled; their reasons and findings are joined. A disabled hook, or a tool whose code
 * the surface cannot read, costs one property read.
 */
export function checkScans(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
): ScanChecks | Promise<ScanChecks> {
  const { sast, dast } = snapshot.compiled.scans;
  if (!sast.enabled && !dast.enabled) return NONE;
  const code = engine.deps.registry?.codeOf?.(start.call.tool);
  if (code === undefined) return NONE;
  const verdicts: Verdict[] = [];
  if (sast.enabled) verdicts.push(checkSast(engine, start, snapshot, code));
  if (dast.enabled) verdicts.push(checkDast(engine, start, snapshot, code));
  return verdicts.some((verdict) => verdict instanceof Promise)
    ? Promise.all(verdicts).then(joined)
    : joined(verdicts as ScanVerdict[]);
}

function checkSast(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  code: ToolCode,
): Verdict {
  const sast = snapshot.compiled.scans.sast;
  return engine.scans().check(
    {
      kind: "sast",
      subject: start.toolRef,
      digest: code.digest,
      source: code.source,
      settings: sast.scanner,
      origin: { server: start.call.server, tool: start.call.tool },
    },
    thresholdsOf(sast, sastThresholds),
  );
}

/** DAST probes the tool through the surface's runner (a sandboxed copy of the server), never the live handler. */
function checkDast(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  code: ToolCode,
): Verdict {
  const { compiled } = snapshot;
  const dast = compiled.scans.dast;
  return engine.scans().check(
    {
      kind: "dast",
      subject: start.toolRef,
      digest: code.digest,
      settings: { ...dast, tool: start.call.tool, ...(compiled.fs === undefined ? {} : { fs: compiled.fs }) },
      origin: { server: start.call.server, tool: start.call.tool },
    },
    thresholdsOf(dast, dastThresholds),
  );
}

// The thresholds of a compiled section, made once per policy (not per call: this is the hot path).
const thresholds = new WeakMap<object, ScanThresholds>();

function thresholdsOf<T extends object>(section: T, make: (section: T) => ScanThresholds): ScanThresholds {
  let made = thresholds.get(section);
  if (made === undefined) {
    made = make(section);
    thresholds.set(section, made);
  }
  return made;
}

function sastThresholds(sast: CompiledSast): ScanThresholds {
  return {
    mode: sast.mode,
    blockOnChange: sast.blockOnChange,
    blockOnSeverity: sast.blockOnSeverity,
    blockOnCount: sast.blockOnCount,
    cacheTtlMs: sast.cacheTtlMs,
    timeoutMs: sast.timeoutMs,
  };
}

function dastThresholds(dast: CompiledDast): ScanThresholds {
  return {
    mode: dast.mode,
    blockOnChange: dast.blockOnChange,
    blockOnSeverity: dast.blockOnSeverity,
    blockOnCount: dast.blockOnCount,
    timeoutMs: dast.maxProbes * dast.timeoutMs + DAST_SETUP_MS + (dast.nuclei?.timeoutMs ?? 0),
    ruleTtlMs: dast.ruleTtlMs,
  };
}

function joined(verdicts: readonly ScanVerdict[]): ScanChecks {
  const reasons = verdicts.flatMap((verdict) => verdict.reasons);
  if (reasons.length === 0) return NONE;
  return { reasons, findings: verdicts.flatMap((verdict) => verdict.findings).map(auditFindingOf) };
}

function auditFindingOf(finding: ScanFinding): AuditFinding {
  return {
    code: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location: "code",
    rule_id: finding.ruleId,
    ...(finding.line === undefined ? {} : { path: `${finding.file ?? "<handler>"}:${finding.line}` }),
  };
}
