// The public API of @sec0/cli: run the `sec0` program in-process (used by tests and embedders).

export { type CliContext, type CliIo, createProcessIo } from "./cli-context.js";
export type { RegisterCommand } from "./commands/index.js";
export type { DevLogSink } from "./dev/dev-service.js";
export type { DevPorts, DevStack, DevStackOptions } from "./dev/dev-stack-types.js";
export { createLogFormatter } from "./dev/format-log-line.js";
export { startDevStack } from "./dev/start-dev-stack.js";
export { CLI_ERRORS, type CliErrorCode } from "./errors.js";
export { cliVersion, createProgram, runCli } from "./program.js";
