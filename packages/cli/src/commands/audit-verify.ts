import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type AuditDirReport, type AuditFileReport, verifyAuditDir, verifyAuditFile } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import { parsePublicKey, publicKeyFromKeyRef } from "@sec0/signer";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

/** Exit code when no key was given: nothing was proven, so never 0. */
export const EXIT_UNCHECKED = 2;

/**
 * Registers `sec0 audit verify <file|dir> [--key <key>] [--json]`: checks signatures, the hash
 * chain, seq continuity and checkpoints. Exits 0 when valid, 1 when tampered or damaged, 2 when
 * no key was given (signatures not checked).
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND`, and `SIGNER_*` codes for a bad `--key`.
 * @example
 * registerAuditVerifyCommand(program, context); // sec0 audit verify .sec0 --key file://./.sec0/keys/ed25519.key
 */
export function registerAuditVerifyCommand(program: Command, context: CliContext): void {
  auditCommand(program)
    .command("verify")
    .description("verify a signed audit file or directory (signatures, chain, checkpoints)")
    .argument("<path>", "an audit-YYYY-MM-DD.ndjson file or the directory holding them")
    .option("--key <key>", "public key (base64, hex or PEM), or a file:// / env:// key ref")
    .option("--json", "print the report as JSON", false)
    .action(async (path: string, options: { key?: string; json: boolean }) => {
      const { io } = context;
      const target = resolve(io.cwd, path);
      const kind = await stat(target).then(
        (s) => (s.isDirectory() ? "dir" : "file"),
        () => undefined,
      );
      if (kind === undefined) {
        throw new Sec0Error(
          "AUDIT_PATH_NOT_FOUND",
          `No audit file or directory at ${target}; pass the audit dir (e.g. .sec0).`,
        );
      }
      const publicKey = options.key === undefined ? undefined : readKey(options.key, context);
      const report: AuditDirReport =
        kind === "dir"
          ? await verifyAuditDir(target, { publicKey })
          : singleFileReport(target, await verifyAuditFile(target, { publicKey }));
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

function readKey(key: string, context: CliContext): Uint8Array {
  if (/^(file|env):\/\//.test(key))
    return publicKeyFromKeyRef(key, { cwd: context.io.cwd, env: context.io.env }).publicKey;
  return parsePublicKey(key);
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

function printReport(report: AuditDirReport, context: CliContext): void {
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
  if (report.problem !== undefined) {
    const { path, line, code, message } = report.problem;
    io.stdout(`tampered or damaged: ${path} line ${line}: ${code}: ${message}\n`);
  } else if (!report.signaturesChecked) {
    io.stdout("no key given: signatures not checked (pass --key to verify)\n");
  } else {
    io.stdout(
      `valid: ${report.files.length} file(s)${report.startsMidChain ? ", starting mid-chain (older files removed)" : ""}\n`,
    );
  }
}
