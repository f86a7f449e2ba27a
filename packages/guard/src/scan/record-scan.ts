import type { EngineContext } from "../engine/engine-context.js";
import type { ServerIdentity } from "../engine/engine-types.js";
import { recordUnrunCall } from "../engine/record-refusal.js";
import { SCAN_REASONS } from "./create-scan-manager.js";
import type { ScanRecord, ScanTarget } from "./scan-types.js";

const SCAN_SERVER: ServerIdentity = { name: "sec0-scan", version: "1" };
const AUDITED_FINDINGS = 20;

/**
 * Writes the signed audit record of one finished scan: decision `allow` for a pass, `deny` for a
 * failure, the scan's kind, subject, code digest, scanner, evidence digest and its first findings
 * (`scan_*` fields), under the server of the call that triggered it. Evidence, never a decision:
 * a lost record is logged.
 */
export async function recordScan(
  engine: EngineContext,
  target: ScanTarget,
  record: ScanRecord,
): Promise<void> {
  const server = (target.origin as { server?: ServerIdentity } | undefined)?.server ?? SCAN_SERVER;
  const reason = record.status === "pass" ? undefined : SCAN_REASONS[target.kind].failed;
  const call = {
    server,
    tool: (target.origin as { tool?: string } | undefined)?.tool ?? target.subject,
    args: { scan_kind: target.kind, subject: target.subject, digest: target.digest },
    auditFields: {
      scan_kind: target.kind,
      scan_subject: target.subject,
      scan_digest: target.digest,
      scan_status: record.status,
      scan_scanner: record.scanner,
      scan_evidence_sha256: record.evidenceSha256,
      scan_finding_count: record.findingCount,
      scan_findings: record.findings.slice(0, AUDITED_FINDINGS).map((finding) => ({
        rule_id: finding.ruleId,
        severity: finding.severity,
        message: finding.message.slice(0, 300),
        ...(finding.cwe === undefined ? {} : { cwe: finding.cwe }),
        ...(finding.line === undefined ? {} : { line: finding.line }),
      })),
      ...(record.error === undefined ? {} : { scan_error: record.error.slice(0, 300) }),
    },
  };
  await recordUnrunCall(
    engine,
    call,
    {
      decision: reason === undefined ? "allow" : "deny",
      decisionReason: reason,
      reasons: reason === undefined ? [] : [reason],
      status: reason === undefined ? "ok" : "error",
      error: reason === undefined ? undefined : `The ${target.kind} scan of ${target.subject} failed.`,
    },
    { "sec0.scan": target.kind },
  );
}
