import { generateSpanId, generateTraceId, isoTimestamp, type ScanFinding } from "@sec0/core";
import { MIDDLEWARE_VERSION } from "../audit/build-audit-envelope.js";
import type { SkillChange } from "./skill-gate-types.js";

/** The facts of one skill check. */
export interface SkillCheckFacts {
  readonly now: number;
  readonly tenant: string;
  /** `source/author/name`. */
  readonly skill: string;
  /** `source/author/name@version` (no version: `source/author/name`). */
  readonly skillRef: string;
  readonly revisionRef: string;
  readonly digest: string;
  readonly change: SkillChange;
  readonly reasons: readonly string[];
  /** Absent when no scan ran (refused before it, unchanged, or skills disabled). */
  readonly scanStatus?: "pass" | "fail" | "pending";
  readonly findings: readonly ScanFinding[];
}

const AUDITED_FINDINGS = 20;

/**
 * The audit envelope of one skill check, with 0.2.3's envelope fields where they apply (`ts`,
 * fresh `trace_id` / `span_id`, `tenant`, `server`, `node_type`, `policy: { decision, reason }`,
 * `decision_reason`, `reasons`, `actor`, `check_level`, `denial_level`) and the skill's own:
 * `skill`, `skill_ref`, `skill_revision`, `skill_digest`, `skill_change`, `scan_status` and the
 * first 20 `scan_findings`. `@sec0/audit` signs it.
 */
export function buildSkillAuditRecord(facts: SkillCheckFacts): Record<string, unknown> {
  const tenant = facts.tenant || "unknown";
  const reason = facts.reasons[0];
  const decision = reason === undefined ? "allow" : "deny";
  const record: Record<string, unknown> = {
    ts: isoTimestamp(facts.now),
    trace_id: generateTraceId(),
    span_id: generateSpanId(),
    tenant,
    server: `sec0-skills@${MIDDLEWARE_VERSION}`,
    node_type: "skill",
    skill: facts.skill,
    skill_ref: facts.skillRef,
    skill_revision: facts.revisionRef,
    skill_digest: facts.digest,
    skill_change: facts.change,
    decision,
    policy: reason === undefined ? { decision } : { decision, reason },
    status: reason === undefined ? "ok" : "error",
    actor: tenant,
    check_level: "skill",
    check_kind: "static",
    scan_findings: facts.findings.slice(0, AUDITED_FINDINGS).map((finding) => ({
      rule_id: finding.ruleId,
      severity: finding.severity,
      message: finding.message.slice(0, 300),
      ...(finding.file === undefined ? {} : { file: finding.file }),
      ...(finding.line === undefined ? {} : { line: finding.line }),
    })),
  };
  if (reason !== undefined) {
    record.reason = reason;
    record.decision_reason = reason;
    record.reasons = [...facts.reasons];
    record.denial_level = "skill";
  }
  if (facts.scanStatus !== undefined) record.scan_status = facts.scanStatus;
  return record;
}
