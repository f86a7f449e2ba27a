import type { AuditFileReport, AuditProblemCode, WitnessReport } from "@sec0/audit";
import type { AuditCheckResult, StoredLogVerdict } from "@sec0/core/contracts";
import type { AuditLogState } from "./audit-log-state.js";

/** What was found about one stored log, for {@link storedLogVerdict}. */
export interface StoredLogFindings {
  readonly state: AuditLogState;
  /** The verifier's report over the stored bytes (with the log's registered key, when there is one). */
  readonly report: AuditFileReport;
  /** The stored bytes against the heads the witness confirmed (`headsChecked: 0` when none). */
  readonly witness: WitnessReport;
}

type CheckKind = keyof StoredLogVerdict["checks"];

/** Which check a verifier problem belongs to (a line that is not the signed bytes: signatures). */
const KIND_OF: Readonly<Record<AuditProblemCode, CheckKind | undefined>> = {
  unparseable: "signatures",
  not_canonical: "signatures",
  signature_invalid: "signatures",
  key_mismatch: "signatures",
  known_head_signature_invalid: "signatures",
  chain_broken: "chain",
  seq_gap: "chain",
  truncated: "chain",
  checkpoint_mismatch: "checkpoints",
  unsigned_tail: undefined,
  known_head_truncated: "witness",
  known_head_rewritten: "witness",
  known_head_missing: "witness",
};

interface Failure {
  readonly kind: CheckKind | undefined;
  readonly line: number | null;
  readonly reason: string;
  readonly status: "invalid" | "unattested";
}

/**
 * The verdict on a stored day log: the first problem the verifier met (the walk stops there),
 * else a log that holds fewer lines than were accepted or ends on another line than the accepted
 * chain, else a witnessed head its lines no longer hash to; a log with unsigned lines no
 * checkpoint covers yet, unattested lines left by a crash, or no registered key is `unattested`.
 * Each check is `failed` for the kind that failed, `none` when nothing of its kind was there (as
 * far as the verifier's walk went: it stops at the first bad line); the witness check is over
 * every stored line.
 */
export function storedLogVerdict(objectKey: string, found: StoredLogFindings): StoredLogVerdict {
  const failure = failureOf(found);
  const { report, witness } = found;
  const result = (kind: CheckKind, present: boolean): AuditCheckResult =>
    failure?.kind === kind ? "failed" : present ? "ok" : "none";
  return {
    object_key: objectKey,
    status: failure?.status ?? "valid",
    lines: witness.lines,
    first_bad_line: failure?.line ?? null,
    reason: failure?.reason ?? null,
    checks: {
      signatures: result("signatures", report.signaturesChecked),
      chain: result("chain", found.state.lines > 0 && report.mode !== "signed-unchained"),
      checkpoints: result("checkpoints", report.checkpoints > 0),
      witness: witness.mismatches.length > 0 ? "failed" : result("witness", witness.headsChecked > 0),
    },
  };
}

function failureOf({ state, report, witness }: StoredLogFindings): Failure | undefined {
  const problem = report.problem;
  if (problem !== undefined && problem.code !== "unsigned_tail") {
    const reason = `${problem.code}: ${problem.message}`;
    return { kind: KIND_OF[problem.code], line: problem.line, reason, status: "invalid" };
  }
  if (report.lines < state.lines) {
    const reason = `truncated: the stored object holds ${report.lines} lines, but ${state.lines} were accepted: lines were removed`;
    return { kind: "chain", line: report.lines + 1, reason, status: "invalid" };
  }
  if (report.lines > state.lines || report.end?.prevHash !== state.lastLineSha256) {
    const reason = `chain_broken: the stored lines do not end on the line accepted last (line ${state.lines})`;
    return { kind: "chain", line: Math.min(report.lines, state.lines), reason, status: "invalid" };
  }
  const mismatch = witness.mismatches[0];
  if (mismatch !== undefined) {
    const line = mismatch.code === "cut_tail" ? witness.lines + 1 : null;
    return { kind: "witness", line, reason: `${mismatch.code}: ${mismatch.message}`, status: "invalid" };
  }
  if (problem !== undefined) {
    return {
      kind: undefined,
      line: problem.line,
      reason: `${problem.code}: ${problem.message}`,
      status: "unattested",
    };
  }
  if (!report.signaturesChecked) {
    const reason = `key_unknown: the log's key ${state.keyId ?? "(none)"} is not registered for this tenant: signatures were not checked`;
    return { kind: undefined, line: null, reason, status: "unattested" };
  }
  if (report.status === "unattested") {
    const reason = `unattested: ${report.unattestedLines} unsigned line(s) left by a crash are vouched for by no signature`;
    return { kind: undefined, line: null, reason, status: "unattested" };
  }
  return undefined;
}
