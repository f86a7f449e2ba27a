import type { AuditHead } from "./audit-head.js";
import { type AuditChainStart, classifyChainStart } from "./chain-start.js";
import { listDayFiles } from "./day-file.js";
import { createEd25519Verifier } from "./ed25519-verifier.js";
import { readRetentionHead } from "./retention-head.js";
import {
  type AuditFileReport,
  type AuditProblem,
  type AuditVerifyOptions,
  verifyAuditFile,
} from "./verifier.js";

/**
 * `valid`: every signature checked, every check passed, and the history starts at genesis (or
 * continues a pinned or retention head). `invalid`: a problem. `empty`: no lines at all, which
 * proves nothing. `not_from_genesis`: the oldest kept line continues a line that is not there
 * and nothing vouches for its removal (a cut head). `unchecked`: no key given. `unattested`: every
 * check passed, but a crash in checkpoint mode left unsigned lines that no signer vouches for (a
 * signed repair record names them; see `AuditFileReport.unattestedLines`).
 */
export type AuditDirStatus = "valid" | "invalid" | "unchecked" | "empty" | "not_from_genesis" | "unattested";

/** What {@link verifyAuditDir} found across the day files of a directory, oldest first. */
export interface AuditDirReport {
  readonly dir: string;
  readonly status: AuditDirStatus;
  readonly signaturesChecked: boolean;
  readonly files: readonly AuditFileReport[];
  /** The first problem, with the file it is in. */
  readonly problem: (AuditProblem & { readonly path: string }) | undefined;
  /** True when the oldest line kept does not follow genesis (see {@link AuditDirReport.start}). */
  readonly startsMidChain: boolean;
  /** Where the kept history starts; `undefined` when a problem stopped the check. */
  readonly start?: AuditChainStart;
}

/** Options of {@link verifyAuditDir}. */
export interface AuditDirVerifyOptions extends Omit<AuditVerifyOptions, "anchor" | "knownHead"> {
  /** A signed head (kept elsewhere) where the kept history starts: the first line must continue it. */
  readonly from?: AuditHead;
}

/**
 * Verifies every `audit-YYYY-MM-DD.ndjson` in `dir` with {@link verifyAuditFile} and checks that
 * each day's first line continues the previous day's last line, so a cut or edited earlier day
 * is detected even when its own lines look fine, and that the oldest kept line starts the chain
 * (or continues `from`, or the head retention saved in `retention-head.json`). Stops at the first
 * invalid file.
 *
 * @throws {Sec0Error} `AUDIT_KEY_INVALID` for a public key that is not 32 bytes (even with no files).
 * @example
 * const report = await verifyAuditDir(".sec0", { publicKey });
 */
export async function verifyAuditDir(
  dir: string,
  options: AuditDirVerifyOptions = {},
): Promise<AuditDirReport> {
  const verifier =
    options.verifier ??
    (options.publicKey === undefined ? undefined : createEd25519Verifier(options.publicKey));
  const files: AuditFileReport[] = [];
  let anchor = undefined as AuditFileReport["end"];
  let problem: AuditDirReport["problem"];
  const dayFiles = await listDayFiles(dir);
  for (const file of dayFiles) {
    const report = await verifyAuditFile(file.path, { verifier, anchor });
    files.push(report);
    if (report.problem !== undefined) {
      problem = { ...report.problem, path: file.path };
      break;
    }
    anchor = report.end ?? anchor;
  }
  const signaturesChecked = verifier !== undefined;
  const lines = files.reduce((sum, file) => sum + file.lines, 0);
  const first = files.find((file) => file.lines > 0);
  const start =
    problem === undefined
      ? classifyChainStart({
          first: first?.start,
          lines,
          firstDate: dayFiles.find((file) => file.path === first?.path)?.date,
          from: options.from,
          retentionHead: await readRetentionHead(dir),
          verifier,
        })
      : undefined;
  if (start !== undefined && "code" in start) problem = { ...start, line: 1, path: first?.path ?? dir };
  const kind = start === undefined || "code" in start ? undefined : start.kind;
  return {
    dir,
    status:
      problem !== undefined
        ? "invalid"
        : lines === 0
          ? "empty"
          : kind === "cut"
            ? "not_from_genesis"
            : !signaturesChecked
              ? "unchecked"
              : files.some((file) => file.status === "unattested")
                ? "unattested"
                : "valid",
    signaturesChecked,
    files,
    problem,
    startsMidChain: kind === "from" || kind === "retention" || kind === "cut",
    start: kind === undefined ? undefined : (start as AuditChainStart),
  };
}
