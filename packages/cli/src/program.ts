import { readFileSync } from "node:fs";
import { isSec0Error } from "@sec0/core";
import { Command, CommanderError } from "commander";
import type { CliContext, CliIo } from "./cli-context.js";
import { registerCommands } from "./commands/index.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** The `sec0` program with every command registered. */
export function createProgram(context: CliContext): Command {
  const program = new Command("sec0")
    .description("Runtime governance for AI agents: policy, signed audit, MCP proxy.")
    .version(version, "-v, --version", "print the sec0 version")
    .helpOption("-h, --help", "show help")
    .usage("[options] <command>")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout(text),
      writeErr: (text) => context.io.stderr(text),
    });
  registerCommands(program, context);
  // Without a known subcommand: help for no argument, a clear error for an unknown one.
  program.argument("[command]").action((name: string | undefined) => {
    if (name === undefined) program.help();
    program.error(`error: unknown command '${name}' (see sec0 --help)`);
  });
  return program;
}

/**
 * Runs `sec0` with `argv` (without the node and script entries) and resolves to the exit code.
 * Errors never escape as stack traces: a `Sec0Error` prints its code and message.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, exitCode: 0 };
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isSec0Error(error)) {
      io.stderr(`sec0: ${error.code}: ${error.message}\n`);
      return 1;
    }
    io.stderr(`sec0: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

export { version as cliVersion };
