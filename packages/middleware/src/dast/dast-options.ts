import { basename, isAbsolute, resolve } from "node:path";
import { Sec0Error } from "@sec0/core";
import type { CompiledDast, FsMatcher } from "@sec0/policy";

/** How to start the tool server for DAST: an MCP server over stdio, a Node script. */
export interface DastServerCommand {
  /** The Node binary (`process.execPath`, or `node`): the sandbox runs Node scripts only. */
  readonly command: string;
  /** The server script first (relative to the middleware's `cwd`), then its arguments. */
  readonly args?: readonly string[];
  /** Extra environment; SEC0_* and secret-looking names never reach the sandbox. */
  readonly env?: Record<string, string>;
}

/** The middleware's `dast` option: set by the deployment, never by a (remote) policy. */
export interface DastOptions {
  readonly server: DastServerCommand;
}

/** The server as the sandbox starts it. */
export interface SandboxedServer {
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
}

/** What the DAST hook hands its runner as `ScanTarget.settings`. */
export type DastScanSettings = CompiledDast & {
  /** The tool's name as the server lists it. */
  readonly tool: string;
  /** The policy's `security.fs_allowlist`, compiled. */
  readonly fs?: FsMatcher;
};

const NODE = /^node(\.exe)?$/i;

/**
 * Checks the `dast.server` option and resolves its script against `cwd`.
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` when `command` is not Node or no script is given.
 */
export function sandboxedServerOf(option: DastOptions, cwd: string): SandboxedServer {
  const { command, args = [], env } = option.server ?? ({} as Partial<DastServerCommand>);
  if (typeof command !== "string" || (command !== process.execPath && !NODE.test(basename(command)))) {
    throw new Sec0Error(
      "MIDDLEWARE_CONFIG_INVALID",
      "dast.server.command must be the Node binary (process.execPath): the DAST sandbox runs Node scripts only.",
    );
  }
  const [script, ...rest] = args;
  if (typeof script !== "string" || script.length === 0 || script.startsWith("-")) {
    throw new Sec0Error(
      "MIDDLEWARE_CONFIG_INVALID",
      "dast.server.args must start with the server script (Node flags are not allowed).",
    );
  }
  return {
    script: isAbsolute(script) ? script : resolve(cwd, script),
    args: rest,
    ...(env === undefined ? {} : { env }),
  };
}

/**
 * Refuses, at construction, an inline policy object that enables `dast` without the `dast.server`
 * option (a policy from YAML or the control plane is only known later: its DAST scans then fail).
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` naming the missing option.
 */
export function assertDastServerFor(policy: unknown, option: DastOptions | undefined): void {
  if (option !== undefined) return;
  const dast = (policy as { dast?: { enabled?: unknown } } | null)?.dast;
  if (typeof policy !== "object" || dast?.enabled !== true) return;
  throw new Sec0Error(
    "MIDDLEWARE_CONFIG_INVALID",
    "The policy enables dast but the middleware has no dast.server option: pass dast: { server: { command: process.execPath, args: ['./server.mjs'] } }.",
  );
}
