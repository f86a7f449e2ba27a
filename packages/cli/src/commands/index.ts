import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { registerAuditGraphCommand } from "./audit-graph.js";
import { registerAuditHeadCommand } from "./audit-head.js";
import { registerAuditTailCommand } from "./audit-tail.js";
import { registerAuditVerifyCommand } from "./audit-verify.js";
import { registerDevCommand } from "./dev.js";
import { registerKeyShowCommand } from "./key-show.js";
import { registerKeygenCommand } from "./keygen.js";
import { registerMcpProxyCommand } from "./mcp-proxy.js";
import { registerPolicyValidateCommand } from "./policy-validate.js";

/** A command module adds its subcommand to the program. */
export type RegisterCommand = (program: Command, context: CliContext) => void;

// One line per command module; keep alphabetical.
const commands: RegisterCommand[] = [
  registerAuditGraphCommand,
  registerAuditHeadCommand,
  registerAuditTailCommand,
  registerAuditVerifyCommand,
  registerDevCommand,
  registerKeyShowCommand,
  registerKeygenCommand,
  registerMcpProxyCommand,
  registerPolicyValidateCommand,
];

export function registerCommands(program: Command, context: CliContext): void {
  for (const register of commands) register(program, context);
}
