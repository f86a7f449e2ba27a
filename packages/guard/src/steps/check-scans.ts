import type { ScanFinding } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";

/** What the security hooks say about a call: reasons it is refused for, and their findings. */
export interface ScanChecks {
  readonly reasons: readonly string[];
  readonly findings: readonly AuditFinding[];
}

const NONE: ScanChecks = Object.freeze({ reasons: Object.freeze([]), findings: Object.freeze([]) });

/**
 * Step 3a: the SAST hook. With `sast.enabled`, the tool's handler code (as the surface reads it)
 * must have a passing scan for its current digest: a changed handler is scanned once (the call
 * waits in `sync` mode, up to `sast.timeout_ms`), a failing scan refuses it as `sast_failed`,
 * one still running as `sast_pending` (in `background` mode only with `block_on_change`). A
 * disabled hook, or a tool whose code the surface cannot read, costs one property read.
 */
export function checkScans(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
): ScanChecks | Promise<ScanChecks> {
  const sast = snapshot.compiled.scans.sast;
  if (!sast.enabled) return NONE;
  const code = engine.deps.registry?.codeOf?.(start.call.tool);
  if (code === undefined) return NONE;
  const verdict = engine.scans().check(
    {
      kind: "sast",
      subject: start.toolRef,
      digest: code.digest,
      source: code.source,
      settings: sast.scanner,
      origin: { server: start.call.server, tool: start.call.tool },
    },
    {
      mode: sast.mode,
      blockOnChange: sast.blockOnChange,
      blockOnSeverity: sast.blockOnSeverity,
      blockOnCount: sast.blockOnCount,
      cacheTtlMs: sast.cacheTtlMs,
      timeoutMs: sast.timeoutMs,
    },
  );
  return verdict instanceof Promise ? verdict.then(toChecks) : toChecks(verdict);
}

function toChecks(verdict: { reasons: readonly string[]; findings: readonly ScanFinding[] }): ScanChecks {
  if (verdict.reasons.length === 0) return NONE;
  return { reasons: verdict.reasons, findings: verdict.findings.map(auditFindingOf) };
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
