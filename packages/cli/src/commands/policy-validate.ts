import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { canonicalize, sha256Hex } from "@sec0/core";
import {
  compilePolicy,
  lintPolicyYaml,
  type Policy,
  type PolicyIssue,
  type PolicyWarning,
  validatePolicyYaml,
} from "@sec0/policy";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

/** One error or warning in `sec0 policy validate --json`. */
interface JsonIssue {
  path: string;
  line: number | null;
  column: number | null;
  message: string;
  code: string;
}

interface ValidateOptions {
  json: boolean;
  strict: boolean;
  withJudge: boolean;
}

/**
 * Registers `sec0 policy validate <file> [--json] [--strict] [--with-judge]`: parses a policy YAML
 * file and prints every error as `file:line:col  path  message` (exit 1), or its warnings
 * (`file:line:col  path  warning CODE: message`, from `lintPolicyYaml`) and a one-line summary
 * (exit 0; 1 with `--strict` when there are warnings). `--json` prints
 * `{ valid, errors: [...], warnings: [...] }`, each `{ path, line, column, message, code }`.
 *
 * @example
 * registerPolicyValidateCommand(program, context); // sec0 policy validate policy.yaml --strict
 */
export function registerPolicyValidateCommand(program: Command, context: CliContext): void {
  const policy =
    program.commands.find((command) => command.name() === "policy") ??
    program.command("policy").description("work with policy files");
  policy
    .command("validate")
    .description(
      "check a policy YAML file against the schema, with line numbers, and warn about what cannot work",
    )
    .argument("<file>", "the policy file, relative to the current directory")
    .option("--json", "print JSON", false)
    .option("--strict", "exit 1 when there are warnings", false)
    .option(
      "--with-judge",
      "the runtime is given a judge (adapters.judge): do not warn about natural-language rules",
      false,
    )
    .action((file: string, options: ValidateOptions) => validate(context, file, options));
}

function validate(context: CliContext, file: string, options: ValidateOptions): void {
  const { io } = context;
  const read = readText(resolve(io.cwd, file));
  if (typeof read !== "string") {
    report(context, file, options.json, [
      { path: "", segments: [], message: read.message, code: "file_unreadable" },
    ]);
    return;
  }
  const result = validatePolicyYaml(read);
  if (!result.valid || result.policy === undefined) {
    report(context, file, options.json, result.errors);
    return;
  }
  const warnings = lintPolicyYaml(read, { hasJudge: options.withJudge });
  const failed = options.strict && warnings.length > 0;
  if (options.json) {
    io.stdout(`${JSON.stringify({ valid: true, errors: [], warnings: warnings.map(toJson) })}\n`);
  } else {
    for (const warning of warnings) {
      io.stdout(
        `${locationOf(file, warning)}  ${warning.path}  warning ${warning.code}: ${warning.message}\n`,
      );
    }
    io.stdout(`${file}: valid (${summaryOf(result.policy)})\n`);
    if (warnings.length > 0) {
      const count = `${warnings.length} warning${warnings.length === 1 ? "" : "s"} in ${file}`;
      io.stderr(`${count}${failed ? " (--strict: warnings fail)" : ""}\n`);
    }
  }
  context.exitCode = failed ? 1 : 0;
}

function summaryOf(policy: Policy): string {
  const compiled = compilePolicy(policy);
  const hash = sha256Hex(canonicalize(policy)).slice(0, 12);
  const entries = compiled.allowlist.entries.length;
  return `tenant ${compiled.tenant}, mode ${compiled.mode}, ${entries} allowlist ${entries === 1 ? "entry" : "entries"}, sha256 ${hash}`;
}

function locationOf(file: string, at: { readonly line?: number; readonly column?: number }): string {
  return `${file}:${at.line ?? 1}:${at.column ?? 1}`;
}

function toJson(issue: PolicyIssue | PolicyWarning): JsonIssue {
  return {
    path: issue.path,
    line: issue.line ?? null,
    column: issue.column ?? null,
    message: issue.message,
    code: issue.code,
  };
}

function report(context: CliContext, file: string, json: boolean, errors: readonly PolicyIssue[]): void {
  if (json) {
    context.io.stdout(
      `${JSON.stringify({ valid: false, errors: errors.map(toJson), warnings: [] }, null, 2)}\n`,
    );
  } else {
    for (const issue of errors) {
      context.io.stdout(`${locationOf(file, issue)}  ${issue.path || "(root)"}  ${issue.message}\n`);
    }
    context.io.stderr(`${errors.length} error${errors.length === 1 ? "" : "s"} in ${file}\n`);
  }
  context.exitCode = 1;
}

function readText(path: string): string | Error {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    return new Error(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
