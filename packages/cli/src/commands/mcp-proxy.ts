import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { type Logger, Sec0Error } from "@sec0/core";
import { createGovernorFromOptions, startMcpProxy } from "@sec0/middleware";
import { createFilePolicySource } from "@sec0/policy";
import { LocalDevSigner } from "@sec0/signer";
import { type Command, InvalidArgumentError } from "commander";
import type { CliContext, CliIo } from "../cli-context.js";

/** What `sec0 mcp proxy` was asked to do. */
export interface McpProxyCommandOptions {
  readonly policy: string;
  readonly auditDir: string;
  readonly key?: string;
  readonly http?: number;
  readonly host: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The client side in stdio mode (default: the process's stdin and stdout); for tests. */
  readonly stdin?: Readable;
  readonly stdout?: Writable;
}

/**
 * Registers `sec0 mcp proxy --policy <file> [--audit-dir .sec0] [--key <key ref>] [--http <port>]
 * [--host 127.0.0.1] -- <command> [args...]`: runs any MCP server process behind sec0 and serves it
 * over stdio (default) or Streamable HTTP. stdout carries only JSON-RPC; messages go to stderr.
 *
 * @throws {Sec0Error} `POLICY_*` for a bad policy file, `SIGNER_*` for a bad key,
 *   `MCP_PROXY_SIGNING_KEY_MISSING` without any signing key, `MIDDLEWARE_PROXY_*` when the server
 *   cannot start or the port cannot be bound.
 * @example
 * registerMcpProxyCommand(program, context); // sec0 mcp proxy --policy policy.yaml -- npx -y @modelcontextprotocol/server-everything
 */
export function registerMcpProxyCommand(program: Command, context: CliContext): void {
  mcpCommand(program)
    .command("proxy")
    .description("run an MCP server process behind sec0 (stdio, or Streamable HTTP with --http)")
    .requiredOption("--policy <file>", "policy YAML file (reloaded when it changes)")
    .option("--audit-dir <dir>", "where signed audit files go", ".sec0")
    .option("--key <key ref>", "signing key ref (file://… or env://…); default: the policy's signing.key_ref")
    .option(
      "--http <port>",
      "serve Streamable HTTP on this port (0 picks a free one) instead of stdio",
      parsePort,
    )
    .option("--host <host>", "address to bind with --http", "127.0.0.1")
    .argument("<command>", "the MCP server command, after --")
    .argument("[args...]", "its arguments")
    .action(
      async (command: string, args: string[], options: Omit<McpProxyCommandOptions, "command" | "args">) => {
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        try {
          context.exitCode = await runMcpProxy({ ...options, command, args }, context.io, stop.signal);
        } finally {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
        }
      },
    );
}

/**
 * Runs the proxy until the MCP server exits (exit code 1), the client goes away or `signal` aborts
 * (exit code 0), then flushes the audit log.
 *
 * @throws {Sec0Error} as {@link registerMcpProxyCommand}.
 * @example
 * const code = await runMcpProxy({ policy: "policy.yaml", auditDir: ".sec0", host: "127.0.0.1", command: "node", args: ["server.mjs"] }, io);
 */
export async function runMcpProxy(
  options: McpProxyCommandOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const logger = createStderrLogger(io);
  const policy = createFilePolicySource({
    path: options.policy,
    cwd: io.cwd,
    onError: (error) =>
      logger.warn(
        { error: (error as Error)?.message },
        "policy reload failed; the last good policy stays in force",
      ),
  });
  try {
    const keyRef = options.key ?? (await policy.get()).policy.signing?.key_ref;
    if (keyRef === undefined || keyRef.trim() === "") throw signingKeyMissing(options.policy);
    const signer = LocalDevSigner.fromKeyRef(keyRef, {
      cwd: io.cwd,
      env: io.env,
      onWarning: (warning) => io.stderr(`sec0 mcp proxy: warning: ${warning.message}\n`),
    });
    const governor = createGovernorFromOptions({
      policy,
      signer,
      sec0: { dir: resolve(io.cwd, options.auditDir) },
      cwd: io.cwd,
      env: io.env,
      logger,
    });
    try {
      const proxy = await startMcpProxy({
        command: options.command,
        args: options.args,
        // The host chose this process's environment; the server it wraps gets the same.
        env: stringEntries(io.env),
        cwd: io.cwd,
        governor,
        logger,
        ...(options.http === undefined ? {} : { http: { port: options.http, host: options.host } }),
        ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
        ...(options.stdout === undefined ? {} : { stdout: options.stdout }),
      });
      if (proxy.url !== undefined) io.stderr(`sec0 mcp proxy: serving ${options.command} at ${proxy.url}\n`);
      const onAbort = (): void => void proxy.close();
      if (signal?.aborted === true) onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      const end = await proxy.closed;
      signal?.removeEventListener("abort", onAbort);
      if (end === "server_exited") {
        io.stderr(`sec0 mcp proxy: the MCP server process (${options.command}) exited; stopping.\n`);
        return 1;
      }
      io.stderr(`sec0 mcp proxy: ${end === "client_closed" ? "the client disconnected" : "stopped"}.\n`);
      return 0;
    } finally {
      await governor.close();
    }
  } finally {
    policy.close();
  }
}

/** No key to sign audit records with: what to run and what to add, for a command-line user. */
function signingKeyMissing(policyPath: string): Sec0Error {
  return new Sec0Error(
    "MCP_PROXY_SIGNING_KEY_MISSING",
    `sec0 mcp proxy: ${policyPath} has no signing key, and every audit record the proxy writes is signed. ` +
      "Create a key:\n  sec0 keygen\n" +
      `then add to ${policyPath}:\n` +
      '  signing:\n    enabled: true\n    key_ref: "file://./.sec0/keys/ed25519.key"\n' +
      "or pass --key file://<path> (or --key env://<VARIABLE>).",
    { details: { policy: policyPath } },
  );
}

/** The `sec0 mcp` group. */
function mcpCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "mcp") ??
    program.command("mcp").description("govern MCP servers")
  );
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535.");
  }
  return port;
}

function stringEntries(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}

/** Constant messages with a small JSON object on stderr; debug is dropped. Never stdout. */
function createStderrLogger(io: CliIo): Logger {
  const line = (level: string) => (obj: object, msg: string) =>
    io.stderr(
      `sec0 mcp proxy: ${level}: ${msg}${Object.keys(obj).length > 0 ? ` ${JSON.stringify(obj)}` : ""}\n`,
    );
  return { debug: () => undefined, info: line("info"), warn: line("warn"), error: line("error") };
}
