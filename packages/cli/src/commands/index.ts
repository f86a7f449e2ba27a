import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

/** A command module adds its subcommand to the program. */
export type RegisterCommand = (program: Command, context: CliContext) => void;

// One line per command module; keep alphabetical.
const commands: RegisterCommand[] = [];

export function registerCommands(program: Command, context: CliContext): void {
  for (const register of commands) register(program, context);
}
