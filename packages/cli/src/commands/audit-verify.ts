import {
  type AuditDirReport,
  type AuditFileReport,
  type AuditHeadReport,
  verifyAgainstHead,
  verifyAuditDir,
  verifyAuditFile,
} from "@sec0/audit";
import { parseKeyRef, parsePublicKey, publicKeyFromKeyFile, publicKeyFromKeyRef } from "@sec0/signer";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { resolveAuditTarget } from "./audit-path.js";
import { readKnownHead } from "./known-head-option.js";

/** Exit code when no key was given: nothing was proven, so never 0. */
export const EXIT_UNCHECKED = 2;

interface VerifyOptions {
  readonly key?: string;
  readonly knownHead?: string;
  readonly json: boolean;
}

/**
 * Registers `sec0 audit verify <file|dir> [--key <key>] [--known-head <file|json>] [--json]`:
 * checks signatures, the hash chain, seq continuity and checkpoints, and with `--known-head` that
 * the log still holds a head saved by `sec0 audit head`. Exits 0 when valid, 1 when tampered,
 * cut or damaged, 2 when no key was given (signatures not checked).
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND`, `AUDIT_HEAD_INVALID`, and `SIGNER_*` codes for a bad `--key`.
 * @example
 * registerAuditVerifyCommand(program, context); // sec0 audit verify .sec0 --key file://./.sec0/keys/ed25519.key
 */
export function registerAuditVerifyCommand(program: Command, context: CliContext): void {
  auditCommand(program)
    .command("verify")
    .description("verify a signed audit file or directory (signatures, chain, checkpoints)")
    .argument("<path>", "an audit-YYYY-MM-DD.ndjson file or the directory holding them")
    .option("--key <key>", "public key (base64, hex or PEM), or a file:// / env:// key ref")
    .option("--known-head <file|json>", "a head saved by `sec0 audit head`: the log must still hold it")
    .option("--json", "print the report as JSON", false)
    .action(async (path: string, options: VerifyOptions, command: Command) => {
      const { io } = context;
      const target = await resolveAuditTarget("sec0 audit verify", io.cwd, path);
      if (options.knownHead !== undefined && target.kind !== "dir") {
        command.error(
          "error: --known-head needs the audit directory, not one day file (a cut can remove whole days)",
        );
      }
      const publicKey = options.key === undefined ? undefined : readKey(options.key, context);
      const report: AuditDirReport | AuditHeadReport =
        options.knownHead !== undefined
          ? await verifyAgainstHead(target.path, await readKnownHead(options.knownHead, io.cwd), {
              publicKey,
            })
          : target.kind === "dir"
            ? await verifyAuditDir(target.path, { publicKey })
            : singleFileReport(target.path, await verifyAuditFile(target.path, { publicKey }));
      if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(report, context);
      context.exitCode = report.status === "valid" ? 0 : report.status === "invalid" ? 1 : EXIT_UNCHECKED;
    });
}

/** The `sec0 audit` group, shared by the audit subcommands. */
export function auditCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "audit") ??
    program.command("audit").description("verify and read signed audit logs")
  );
}

/** A public key as given, or derived from a key the user names (a file anywhere, or env://). */
function readKey(key: string, context: CliContext): Uint8Array {
  if (!/^(file|env):\/\//.test(key)) return parsePublicKey(key);
  const options = { cwd: context.io.cwd, env: context.io.env };
  const ref = parseKeyRef(key);
  if (ref.scheme === "file") return publicKeyFromKeyFile(ref.path, options).publicKey;
  return publicKeyFromKeyRef(key, options).publicKey;
}

function singleFileReport(path: string, file: AuditFileReport): AuditDirReport {
  return {
    dir: path,
    status: file.status,
    signaturesChecked: file.signaturesChecked,
    files: [file],
    problem: file.problem === undefined ? undefined : { ...file.problem, path },
    startsMidChain: false,
  };
}

function printReport(report: AuditDirReport | AuditHeadReport, context: CliContext): void {
  const { io } = context;
  if (report.files.length === 0) io.stdout(`no audit-YYYY-MM-DD.ndjson files in ${report.dir}\n`);
  for (const file of report.files) {
    const mark = file.status === "invalid" ? "FAIL" : file.status === "valid" ? "ok  " : "??  ";
    const keys = file.keyIds.length > 0 ? `, signed by ${file.keyIds.join(", ")}` : "";
    io.stdout(
      `${mark} ${file.path}: ${file.records} records, ${file.checkpoints} checkpoints, ${file.mode}${keys}` +
        (file.linesAfterLastCheckpoint > 0
          ? ` (${file.linesAfterLastCheckpoint} lines after the last checkpoint)`
          : "") +
        "\n",
    );
  }
  io.stdout(`${verdict(report)}\n`);
}

function verdict(report: AuditDirReport | AuditHeadReport): string {
  if (report.problem !== undefined) {
    const { path, line, code, message } = report.problem;
    return `tampered or damaged: ${path} line ${line}: ${code}: ${message}`;
  }
  const held =
    "head" in report && report.linesAfterHead !== undefined
      ? `the log holds the known head (seq ${report.head.seq}, ${report.head.path} line ${report.head.line}) and ${report.linesAfterHead} lines after it`
      : undefined;
  if (!report.signaturesChecked) {
    return `no key given: signatures not checked (pass --key to verify)${held === undefined ? "" : `; ${held}`}`;
  }
  const midChain = report.startsMidChain ? ", starting mid-chain (older files removed)" : "";
  return `valid: ${report.files.length} file(s)${midChain}${held === undefined ? "" : `; ${held}`}`;
}
