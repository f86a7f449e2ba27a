import {
  type AuditDirReport,
  type AuditFileReport,
  type AuditHead,
  type AuditHeadReport,
  listDayFiles,
  verifyAgainstHead,
  verifyAuditDir,
  verifyAuditFile,
} from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { type AuditTarget, resolveAuditTarget } from "./audit-path.js";
import { printVerifyReport, VERIFY_EXIT_CODES } from "./audit-verify-report.js";
import { readKnownHead } from "./known-head-option.js";
import { readVerifyKey, type VerifyKeyFlags } from "./verify-key-option.js";
import { checkAgainstWitness } from "./witness-check.js";
import { printWitnessReport } from "./witness-report.js";

/** Exit code when no key was given: nothing was proven, so never 0. */
export const EXIT_UNCHECKED = VERIFY_EXIT_CODES.unchecked;

interface VerifyOptions extends VerifyKeyFlags {
  readonly knownHead?: string;
  readonly witness?: string;
  readonly witnessKey: string;
  readonly from?: string;
  readonly json: boolean;
}

/**
 * Registers `sec0 audit verify <file|dir> [--public-key <key|file>] [--key-id <id>] [--from <head>]
 * [--known-head <head>] [--json]`: checks signatures, the hash chain, seq continuity, checkpoints
 * and that the history starts at genesis (or continues `--from`, or retention's head), and with
 * `--known-head` that the log still holds a head saved by `sec0 audit head`. Exits 0 valid,
 * 1 tampered, cut or damaged (and errors, and `unsigned_tail`: checkpoint-mode lines no signed
 * checkpoint covers yet), 2 no key given, 3 no records, 4 not from genesis, 5 unattested lines
 * (a crash in checkpoint mode).
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND`, `AUDIT_HEAD_INVALID`, `AUDIT_VERIFY_KEY_*`, `SIGNER_*`.
 * @example
 * registerAuditVerifyCommand(program, context); // sec0 audit verify .sec0 --public-key audit.pub
 */
export function registerAuditVerifyCommand(program: Command, context: CliContext): void {
  auditCommand(program)
    .command("verify")
    .description("verify a signed audit file or directory (signatures, chain, checkpoints)")
    .argument("<path>", "an audit-YYYY-MM-DD.ndjson file or the directory holding them")
    .option(
      "--public-key <key|file>",
      "the public key pinned outside the log: base64, hex, PEM, or a file of one",
    )
    .option("--key-id <id>", "the pinned key id (ed25519:<hex>): the key given must have it")
    .option("--key <key>", "a public key, or a file:// / env:// private key ref (warns: prefer --public-key)")
    .option(
      "--from <file|json>",
      "a signed head where the kept history starts: the first kept line must continue it",
    )
    .option("--known-head <file|json>", "a head saved by `sec0 audit head`: the log must still hold it")
    .option(
      "--witness <url>",
      "a control plane that witnessed the log's checkpoints: a cut tail or rewritten history fails",
    )
    .option(
      "--witness-key <env://NAME>",
      "where the witness's API key is (audit:ingest scope)",
      "env://SEC0_API_KEY",
    )
    .option("--json", "print the report as JSON", false)
    .action(async (path: string, options: VerifyOptions, command: Command) => {
      const { io } = context;
      const target = await resolveAuditTarget("sec0 audit verify", io.cwd, path);
      for (const [flag, value] of [
        ["--known-head", options.knownHead],
        ["--from", options.from],
      ] as const) {
        if (value !== undefined && target.kind !== "dir") {
          command.error(
            `error: ${flag} needs the audit directory, not one day file (a cut can remove whole days)`,
          );
        }
      }
      const publicKey = readVerifyKey(options, target.path, context);
      const from =
        options.from === undefined ? undefined : await readKnownHead(options.from, io.cwd, "--from");
      const report = await verifyTarget(target, options, { publicKey, from }, io.cwd);
      const witness =
        options.witness === undefined
          ? undefined
          : await checkAgainstWitness(
              options.witness,
              witnessKey(options.witnessKey, io.env),
              target.kind === "dir"
                ? (await listDayFiles(target.path)).map((day) => day.path)
                : [target.path],
            );
      if (options.json)
        io.stdout(`${JSON.stringify(witness === undefined ? report : { ...report, witness }, null, 2)}\n`);
      else {
        printVerifyReport(report, context);
        if (witness !== undefined) printWitnessReport(witness, context);
      }
      context.exitCode = VERIFY_EXIT_CODES[report.status];
      if (witness?.status === "inconsistent") context.exitCode = VERIFY_EXIT_CODES.invalid;
    });
}

async function verifyTarget(
  target: AuditTarget,
  options: VerifyOptions,
  keys: { readonly publicKey: Uint8Array | undefined; readonly from: AuditHead | undefined },
  cwd: string,
): Promise<AuditDirReport | AuditHeadReport> {
  if (options.knownHead !== undefined) {
    return verifyAgainstHead(target.path, await readKnownHead(options.knownHead, cwd), keys);
  }
  if (target.kind === "dir") return verifyAuditDir(target.path, keys);
  return singleFileReport(target.path, await verifyAuditFile(target.path, { publicKey: keys.publicKey }));
}

/** The witness's API key from an `env://NAME` ref; a literal key would show in `ps`. */
function witnessKey(ref: string, env: NodeJS.ProcessEnv): string {
  const name = /^env:\/\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref)?.[1];
  const value = name === undefined ? undefined : env[name];
  if (value === undefined || value === "") {
    throw new Sec0Error(
      "AUDIT_WITNESS_FAILED",
      `sec0 audit verify --witness: --witness-key must be env://NAME of a set variable (got ${name === undefined ? "something else" : `env://${name}, which is unset`}).`,
    );
  }
  return value;
}

/** The `sec0 audit` group, shared by the audit subcommands. */
export function auditCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "audit") ??
    program.command("audit").description("verify and read signed audit logs")
  );
}

/** One day file alone: a later day continues an earlier one, so its start is not checked. */
function singleFileReport(path: string, file: AuditFileReport): AuditDirReport {
  return {
    dir: path,
    status: file.status === "invalid" || file.lines > 0 ? file.status : "empty",
    signaturesChecked: file.signaturesChecked,
    files: [file],
    problem: file.problem === undefined ? undefined : { ...file.problem, path },
    startsMidChain: false,
  };
}
