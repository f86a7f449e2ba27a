import type { AuditDirReport, AuditHeadReport } from "@sec0/audit";
import type { CliContext } from "../cli-context.js";

/** Exit codes of `sec0 audit verify`, by report status. */
export const VERIFY_EXIT_CODES = {
  valid: 0,
  invalid: 1,
  /** No key given: nothing was proven, so never 0. */
  unchecked: 2,
  /** No records at all: nothing to prove. */
  empty: 3,
  /** The oldest kept line continues a line that is gone, and no head vouches for it. */
  not_from_genesis: 4,
  /** Every check passed, but a crash in checkpoint mode left lines no signature vouches for. */
  unattested: 5,
} as const satisfies Record<AuditDirReport["status"], number>;

/** Prints one line per day file and the verdict. */
export function printVerifyReport(report: AuditDirReport | AuditHeadReport, context: CliContext): void {
  const { io } = context;
  for (const file of report.files) {
    const mark = file.status === "invalid" ? "FAIL" : file.status === "valid" ? "ok  " : "??  ";
    const keys = file.keyIds.length > 0 ? `, signed by ${file.keyIds.join(", ")}` : "";
    io.stdout(
      `${mark} ${file.path}: ${file.records} records, ${file.checkpoints} checkpoints, ${file.mode}, signing ${signingOf(file)}${keys}` +
        (file.unattestedLines > 0 ? `, ${file.unattestedLines} unattested` : "") +
        (file.linesAfterLastCheckpoint > 0
          ? ` (${file.linesAfterLastCheckpoint} lines after the last checkpoint)`
          : "") +
        "\n",
    );
  }
  io.stdout(`${verdict(report)}\n`);
}

/** `per_record`, or for unsigned lines how many a checkpoint covers: `checkpoint (12 unsigned)`. */
function signingOf(file: AuditDirReport["files"][number]): string {
  return file.unsignedLines > 0 || file.signing === "checkpoint" || file.signing === "mixed"
    ? `${file.signing} (${file.unsignedLines} unsigned, covered by checkpoints)`
    : file.signing;
}

function verdict(report: AuditDirReport | AuditHeadReport): string {
  if (report.problem !== undefined) {
    const { path, line, code, message } = report.problem;
    return `tampered or damaged: ${path} line ${line}: ${code}: ${message}`;
  }
  if (report.status === "empty") {
    return `empty: no audit records in ${report.dir}; nothing is proven (exit 3)`;
  }
  const held =
    "head" in report && report.linesAfterHead !== undefined
      ? `; the log holds the known head (seq ${report.head.seq}, ${report.head.path} line ${report.head.line}) and ${report.linesAfterHead} lines after it`
      : "";
  if (report.status === "not_from_genesis") {
    return (
      `not from genesis: the oldest kept line is seq ${(report.start?.seq ?? 0) + 1}, continuing a line that is gone, ` +
      `and no head vouches for its removal (a cut, or deleted day files); pass --from <head> if you kept the head it continues${held}`
    );
  }
  if (!report.signaturesChecked) {
    return `no key given: signatures not checked (pass --public-key to verify)${held}`;
  }
  if (report.status === "unattested") {
    const count = report.files.reduce((sum, file) => sum + file.unattestedLines, 0);
    return (
      `unattested: every check passed, but ${count} unsigned line(s) were left by a crash before a checkpoint sealed them; ` +
      `a signed repair record names them (reason unattested_tail) and no signature vouches for their content (exit 5)${held}`
    );
  }
  return `valid: ${report.files.length} file(s)${startNote(report)}${held}`;
}

function startNote(report: AuditDirReport): string {
  const start = report.start;
  if (start?.kind === "from") return `, continuing the --from head (seq ${start.seq}, ${start.headDate})`;
  if (start?.kind === "retention") {
    return `, continuing the head retention kept of the removed day files (seq ${start.seq}, ${start.headDate})`;
  }
  return report.startsMidChain ? ", starting mid-chain" : "";
}
