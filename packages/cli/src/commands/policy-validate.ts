import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { canonicalize, sha256Hex } from "@sec0/core";
import { compilePolicy, type PolicyIssue, validatePolicyYaml } from "@sec0/policy";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

/** One line of `sec0 policy validate --json`. */
interface JsonIssue {
  path: string;
  line: number | null;
  column: number | null;
  message: string;
  code: string;
}

/**
 * Registers `sec0 policy validate <file> [--json]`: parses a policy YAML file and prints every
 * error as `file:line:col  path  message` (exit 1), or a one-line summary when it is valid
 * (exit 0). `--json` prints `{ valid, errors: [{ path, line, column, message, code }] }`.
 *
 * @example
 * registerPolicyValidateCommand(program, context); // sec0 policy validate policy.yaml --json
 */
export function registerPolicyValidateCommand(program: Command, context: CliContext): void {
  const policy =
    program.commands.find((command) => command.name() === "policy") ??
    program.command("policy").description("work with policy files");
  policy
    .command("validate")
    .description("check a policy YAML file against the schema, with line numbers")
    .argument("<file>", "the policy file, relative to the current directory")
    .option("--json", "print JSON", false)
    .action((file: string, options: { json: boolean }) => {
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
      const compiled = compilePolicy(result.policy);
      if (options.json) {
        io.stdout(`${JSON.stringify({ valid: true, errors: [] })}\n`);
      } else {
        const hash = sha256Hex(canonicalize(result.policy)).slice(0, 12);
        const entries = compiled.allowlist.entries.length;
        io.stdout(
          `${file}: valid (tenant ${compiled.tenant}, mode ${compiled.mode}, ${entries} allowlist ${entries === 1 ? "entry" : "entries"}, sha256 ${hash})\n`,
        );
      }
      context.exitCode = 0;
    });
}

function report(context: CliContext, file: string, json: boolean, errors: readonly PolicyIssue[]): void {
  if (json) {
    const list: JsonIssue[] = errors.map((issue) => ({
      path: issue.path,
      line: issue.line ?? null,
      column: issue.column ?? null,
      message: issue.message,
      code: issue.code,
    }));
    context.io.stdout(`${JSON.stringify({ valid: false, errors: list }, null, 2)}\n`);
  } else {
    for (const issue of errors) {
      context.io.stdout(
        `${file}:${issue.line ?? 1}:${issue.column ?? 1}  ${issue.path || "(root)"}  ${issue.message}\n`,
      );
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
