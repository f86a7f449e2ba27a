import { listDayFiles } from "./day-file.js";
import { createEd25519Verifier } from "./ed25519-verifier.js";
import { GENESIS_PREV_HASH } from "./record.js";
import {
  type AuditFileReport,
  type AuditProblem,
  type AuditVerifyOptions,
  verifyAuditFile,
} from "./verifier.js";

/** What {@link verifyAuditDir} found across the day files of a directory, oldest first. */
export interface AuditDirReport {
  readonly dir: string;
  readonly status: "valid" | "invalid" | "unchecked";
  readonly signaturesChecked: boolean;
  readonly files: readonly AuditFileReport[];
  /** The first problem, with the file it is in. */
  readonly problem: (AuditProblem & { readonly path: string }) | undefined;
  /**
   * True when the oldest file continues a chain from a file that is not there (removed by
   * retention, or not given): everything from that file on is still checked.
   */
  readonly startsMidChain: boolean;
}

/**
 * Verifies every `audit-YYYY-MM-DD.ndjson` in `dir` with {@link verifyAuditFile} and checks that
 * each day's first line continues the previous day's last line, so a cut or edited earlier day
 * is detected even when its own lines look fine. Stops at the first invalid file.
 *
 * @throws {Sec0Error} `AUDIT_KEY_INVALID` for a public key that is not 32 bytes (even with no files).
 * @example
 * const report = await verifyAuditDir(".sec0", { publicKey });
 */
export async function verifyAuditDir(
  dir: string,
  options: Omit<AuditVerifyOptions, "anchor"> = {},
): Promise<AuditDirReport> {
  const verifier =
    options.verifier ??
    (options.publicKey === undefined ? undefined : createEd25519Verifier(options.publicKey));
  const files: AuditFileReport[] = [];
  let anchor = undefined as AuditFileReport["end"];
  let problem: AuditDirReport["problem"];
  for (const file of await listDayFiles(dir)) {
    const report = await verifyAuditFile(file.path, { verifier, anchor });
    files.push(report);
    if (report.problem !== undefined) {
      problem = { ...report.problem, path: file.path };
      break;
    }
    anchor = report.end ?? anchor;
  }
  const first = files[0]?.start;
  const signaturesChecked = verifier !== undefined;
  return {
    dir,
    status: problem !== undefined ? "invalid" : signaturesChecked ? "valid" : "unchecked",
    signaturesChecked,
    files,
    problem,
    startsMidChain: first !== undefined && first.prevHash !== GENESIS_PREV_HASH,
  };
}
