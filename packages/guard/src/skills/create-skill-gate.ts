import { type Logger, type ScanFinding, silentLogger, systemClock } from "@sec0/core";
import { isUnpinnedSkillVersion, parseSkillRef, type SkillRef } from "@sec0/policy";
import { createScanManager, type ScanManager } from "../scan/create-scan-manager.js";
import { createFileScanStore, type ScanStore } from "../scan/scan-store.js";
import { type ScanTarget, type ScanThresholds, scanKey } from "../scan/scan-types.js";
import { createSkillScanner } from "./create-skill-scanner.js";
import { buildSkillAuditRecord, type SkillCheckFacts } from "./skill-audit-record.js";
import { openSkillBaseline, type SkillBaseline, skillChangeOf } from "./skill-baseline.js";
import { digestMatches, normalizeDigest, readSkillContent, type SkillContent } from "./skill-content.js";
import type { SkillGate, SkillGateOptions, SkillInput, SkillVerdict } from "./skill-gate-types.js";

const DEFAULT_BASELINE = ".sec0/skills-baseline.json";
const DEFAULT_SCANS = ".sec0/scans";
const SCAN_TIMEOUT_MS = 10_000;
const SCAN_FAILED = "skill_scan_failed";

interface GateParts {
  readonly options: SkillGateOptions;
  readonly manager: ScanManager;
  readonly store: ScanStore;
  readonly baseline: SkillBaseline;
  readonly thresholds: ScanThresholds;
  readonly logger: Logger;
}

/** What one check found, before it is audited. */
type CheckResult = SkillVerdict & Pick<SkillCheckFacts, "scanStatus"> & { readonly skill: SkillRef };

/**
 * Creates the skill gate of the policy's `skills` section. A check parses the ref, verifies the
 * content against the ref's `#digest`, applies `skills.allowlist` (`tool_not_in_allowlist`) and
 * `deny_if_unpinned_version` (`version_unpinned`), compares the revision with the committed
 * baseline and, on a first sight or a change (every check with `scan_on_change_only: false`),
 * scans it through the scan manager (`kind: "skill"`; `skill_scan_failed` /
 * `skill_scan_pending`). A check that allows commits the revision to the baseline. Each check
 * writes one audit record when `auditSink` is given.
 *
 * @example
 * const gate = createSkillGate({ policy: compilePolicy(policy).scans.skills });
 * const verdict = await gate.check({ ref: "clawhub/acme/pdf-tools@1.2.0", dir: "skills/pdf-tools" });
 * if (!verdict.allowed) console.error(verdict.reasons, verdict.findings);
 */
export function createSkillGate(options: SkillGateOptions): SkillGate {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const store = options.store ?? createFileScanStore(DEFAULT_SCANS, logger);
  const scan = options.scan ?? createSkillScanner();
  const manager = createScanManager({ runners: { skill: scan }, store, clock, logger });
  const path = options.baselinePath ?? options.policy.baselinePath ?? DEFAULT_BASELINE;
  const baseline = openSkillBaseline(path, logger, () => clock.now());
  const thresholds: ScanThresholds = {
    mode: "sync",
    blockOnChange: options.policy.blockOnChange,
    blockOnSeverity: options.policy.blockOnSeverity,
    timeoutMs: SCAN_TIMEOUT_MS,
    // Trusted until the digest changes; a zero TTL rescans every check (scan_on_change_only: false).
    cacheTtlMs: options.policy.scanOnChangeOnly ? undefined : 0,
  };
  const parts: GateParts = { options, manager, store, baseline, thresholds, logger };
  return {
    async check(input) {
      const result = await checkSkill(parts, input);
      await audit(parts, result, clock.now());
      const { skill: _skill, scanStatus: _status, ...verdict } = result;
      return verdict;
    },
    async close() {
      await manager.flush();
      baseline.flush();
    },
  };
}

async function checkSkill(parts: GateParts, input: SkillInput): Promise<CheckResult> {
  const { policy } = parts.options;
  const skill = parseSkillRef(input.ref);
  const content = readSkillContent(input);
  const digest = content.digest ?? (skill.digest === undefined ? "unknown" : normalizeDigest(skill.digest));
  const version = skill.version ?? "unknown";
  const revisionRef =
    skill.digest !== undefined || content.digest === undefined
      ? skill.revisionRef
      : `${skill.skillRef}@${version}#sha256:${content.digest}`;
  const change = skillChangeOf(parts.baseline.get(skill.skillRef), { version, digest });
  const base = { skill, revisionRef, digest, change };
  if (!policy.enabled) return { ...base, allowed: true, reasons: [], findings: [] };
  const reasons = policyReasons(parts, skill);
  const integrity = integrityFindings(skill, content);
  if (integrity.length > 0) reasons.push(SCAN_FAILED);
  if (reasons.length > 0) return { ...base, allowed: false, reasons, findings: integrity };
  if (change === "unchanged" && policy.scanOnChangeOnly) {
    return { ...base, allowed: true, reasons: [], findings: [] };
  }
  const target: ScanTarget = {
    kind: "skill",
    subject: skill.skillRef,
    digest,
    ...(content.source === undefined ? {} : { source: content.source }),
  };
  const verdict = await parts.manager.check(target, parts.thresholds);
  const record = parts.store.get(scanKey(target));
  const pending = verdict.reasons.some((reason) => reason.endsWith("_pending"));
  const allowed = verdict.reasons.length === 0;
  if (allowed) parts.baseline.commit(skill.skillRef, { version, digest });
  return {
    ...base,
    allowed,
    reasons: [...verdict.reasons],
    findings: allowed ? (record?.findings ?? []) : verdict.findings,
    scanStatus: pending ? "pending" : (record?.status ?? (allowed ? "pass" : "fail")),
  };
}

function policyReasons(parts: GateParts, skill: SkillRef): string[] {
  const { policy } = parts.options;
  const reasons: string[] = [];
  const ref = skill.version === undefined ? skill.skillRef : `${skill.skillRef}@${skill.version}`;
  if (policy.allowlist !== undefined && !policy.allowlist.match(ref).matched) {
    reasons.push("tool_not_in_allowlist");
  }
  if (policy.denyIfUnpinnedVersion && isUnpinnedSkillVersion(skill.version)) reasons.push("version_unpinned");
  return reasons;
}

/** Reading problems, a content that is not the ref's `#digest`, or nothing to identify the skill by. */
function integrityFindings(skill: SkillRef, content: SkillContent): ScanFinding[] {
  const findings = [...content.problems];
  if (
    skill.digest !== undefined &&
    content.digest !== undefined &&
    !digestMatches(skill.digest, content.digest)
  ) {
    findings.push({
      ruleId: "skill/digest-mismatch",
      message: `The content's digest sha256:${content.digest} is not the ref's #${skill.digest}.`,
      severity: "critical",
      source: "sec0",
    });
  }
  if (skill.digest === undefined && content.digest === undefined) {
    findings.push({
      ruleId: "skill/content-missing",
      message: "Neither content, a dir nor a #digest identifies the skill's revision.",
      severity: "high",
      source: "sec0",
    });
  }
  return findings;
}

async function audit(parts: GateParts, result: CheckResult, now: number): Promise<void> {
  const sink = parts.options.auditSink;
  if (sink === undefined) return;
  const { skill } = result;
  const record = buildSkillAuditRecord({
    now,
    tenant: parts.options.tenant ?? "unknown",
    skill: skill.skillRef,
    skillRef: skill.version === undefined ? skill.skillRef : `${skill.skillRef}@${skill.version}`,
    revisionRef: result.revisionRef,
    digest: result.digest,
    change: result.change,
    reasons: result.reasons,
    ...(result.scanStatus === undefined ? {} : { scanStatus: result.scanStatus }),
    findings: result.findings,
  });
  try {
    await sink.append(record);
  } catch (error) {
    parts.logger.error({ err: (error as Error)?.message, skill: skill.skillRef }, "sec0 audit append failed");
  }
}
