import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { type Logger, Sec0Error } from "@sec0/core";
import {
  createGovernorFromOptions,
  HTTP_PROXY_DEFAULTS,
  type HttpProxyOptions,
  startMcpProxy,
} from "@sec0/middleware";
import { createFilePolicySource } from "@sec0/policy";
import { LocalDevSigner, parseKeyRef } from "@sec0/signer";
import type { Command } from "commander";
import type { CliContext, CliIo } from "../cli-context.js";
import { buildChildEnvironment } from "./mcp-proxy-env.js";
import { collectEnvName, parseLimit, parsePort } from "./mcp-proxy-options.js";
import { PROXY_TOKEN_ENV, resolveProxyToken } from "./proxy-token.js";

/** What `sec0 mcp proxy` was asked to do. */
export interface McpProxyCommandOptions {
  readonly policy: string;
  readonly auditDir: string;
  readonly key?: string;
  readonly http?: number;
  readonly host: string;
  /** `env://NAME` or `file://path` of the HTTP bearer token (default: `SEC0_PROXY_TOKEN`). */
  readonly token?: string;
  readonly maxSessions?: number;
  /** Seconds. */
  readonly idleTimeout?: number;
  readonly maxBodyBytes?: number;
  readonly maxInFlight?: number;
  /** The wrapped server gets only the safe set of variables, plus `envAllow`. */
  readonly cleanEnv?: boolean;
  readonly envAllow?: readonly string[];
  readonly envDeny?: readonly string[];
  readonly command: string;
  readonly args: readonly string[];
  /** The client side in stdio mode (default: the process's stdin and stdout); for tests. */
  readonly stdin?: Readable;
  readonly stdout?: Writable;
}

/**
 * Registers `sec0 mcp proxy --policy <file> [--audit-dir .sec0] [--key <key ref>] [--http <port>]
 * [--host 127.0.0.1] [--token <ref>] [HTTP limits] [--clean-env] [--env-allow|--env-deny <name>]
 * -- <command> [args...]`: runs any MCP server process behind sec0 and serves it over stdio
 * (default) or Streamable HTTP. stdout carries only JSON-RPC; messages go to stderr. The server
 * never gets a `SEC0_*` variable or the variable of a key or token ref.
 *
 * @throws {Sec0Error} `POLICY_*` for a bad policy file, `SIGNER_*` for a bad key,
 *   `MCP_PROXY_SIGNING_KEY_MISSING` without any signing key, `MCP_PROXY_TOKEN_REF_INVALID`,
 *   `MCP_PROXY_ENV_NAME_WITHHELD`, `MIDDLEWARE_PROXY_*` when the server cannot start, the port
 *   cannot be bound, or a non-loopback host has no token.
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
    .option("--host <host>", "address to bind with --http (beyond loopback a token is required)", "127.0.0.1")
    .option("--token <ref>", `HTTP bearer token: env://NAME or file://path (default: $${PROXY_TOKEN_ENV})`)
    .option(
      "--max-sessions <n>",
      `HTTP sessions at once (default ${HTTP_PROXY_DEFAULTS.maxSessions})`,
      parseLimit,
    )
    .option(
      "--idle-timeout <seconds>",
      `close an HTTP session idle this long (default ${HTTP_PROXY_DEFAULTS.idleTimeoutMs / 1000})`,
      parseLimit,
    )
    .option(
      "--max-body-bytes <n>",
      `largest HTTP request body (default ${HTTP_PROXY_DEFAULTS.maxBodyBytes})`,
      parseLimit,
    )
    .option(
      "--max-in-flight <n>",
      `HTTP requests in flight per session (default ${HTTP_PROXY_DEFAULTS.maxInFlightPerSession})`,
      parseLimit,
    )
    .option(
      "--clean-env",
      "give the server only PATH, HOME, USER, LANG, LC_*, TERM, TZ, TMPDIR (and --env-allow)",
    )
    .option(
      "--env-allow <name>",
      "also pass this variable (or PREFIX_*); implies --clean-env; repeatable",
      collectEnvName,
    )
    .option("--env-deny <name>", "never pass this variable (or PREFIX_*); repeatable", collectEnvName)
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
    const loaded = (await policy.get()).policy;
    const keyRef = options.key ?? loaded.signing?.key_ref;
    if (keyRef === undefined || keyRef.trim() === "") throw signingKeyMissing(options.policy);
    const http = httpOptions(options, io);
    const key = parseKeyRef(keyRef);
    const env = buildChildEnvironment({
      env: io.env,
      secretNames: [
        key.scheme === "env" ? key.name : undefined,
        // The judge's key (llm_judge.api_key: env://NAME) is the proxy's, not the server's.
        judgeKeyVariable(loaded.compliance?.llm_judge ?? loaded.llm_judge),
        http?.tokenVariable,
        options.token?.startsWith("env://") === true ? options.token.slice("env://".length) : undefined,
      ].filter(isString),
      cleanEnv: options.cleanEnv,
      allow: options.envAllow,
      deny: options.envDeny,
    });
    const signer = LocalDevSigner.fromKeyRef(keyRef, {
      cwd: io.cwd,
      env: io.env,
      onWarning: (warning) => io.stderr(`sec0 mcp proxy: warning: ${warning.message}\n`),
    });
    const governor = createGovernorFromOptions({
      policy,
      signer,
      sec0: {
        dir: resolve(io.cwd, options.auditDir),
        ...(loaded.signing?.mode === undefined ? {} : { signing: loaded.signing.mode }),
      },
      cwd: io.cwd,
      env: io.env,
      logger,
    });
    try {
      const proxy = await startMcpProxy({
        command: options.command,
        args: options.args,
        // The wrapped server is often third-party: none of the proxy's own secrets.
        env,
        cwd: io.cwd,
        governor,
        logger,
        ...(http === undefined ? {} : { http: http.options }),
        ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
        ...(options.stdout === undefined ? {} : { stdout: options.stdout }),
      });
      if (proxy.url !== undefined) {
        const auth = http?.options.token === undefined ? "" : " (bearer token required)";
        io.stderr(`sec0 mcp proxy: serving ${options.command} at ${proxy.url}${auth}\n`);
      }
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

/** The HTTP options, with the token resolved; `undefined` in stdio mode. */
function httpOptions(
  options: McpProxyCommandOptions,
  io: CliIo,
): { options: HttpProxyOptions; tokenVariable: string | undefined } | undefined {
  if (options.http === undefined) {
    const httpOnly = ["token", "maxSessions", "idleTimeout", "maxBodyBytes", "maxInFlight"] as const;
    if (httpOnly.some((name) => options[name] !== undefined)) {
      io.stderr("sec0 mcp proxy: note: --token and the HTTP limits apply only with --http.\n");
    }
    return undefined;
  }
  const { token, variable } = resolveProxyToken(options.token, io);
  return {
    tokenVariable: variable,
    options: {
      port: options.http,
      host: options.host,
      ...(token === undefined ? {} : { token }),
      ...(options.maxSessions === undefined ? {} : { maxSessions: options.maxSessions }),
      ...(options.idleTimeout === undefined ? {} : { idleTimeoutMs: options.idleTimeout * 1000 }),
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
      ...(options.maxInFlight === undefined ? {} : { maxInFlightPerSession: options.maxInFlight }),
    },
  };
}

function judgeKeyVariable(judge: { api_key?: string } | undefined): string | undefined {
  const ref = judge?.api_key;
  return ref?.startsWith("env://") === true ? ref.slice("env://".length) : undefined;
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

/** Constant messages with a small JSON object on stderr; debug is dropped. Never stdout. */
function createStderrLogger(io: CliIo): Logger {
  const line = (level: string) => (obj: object, msg: string) =>
    io.stderr(
      `sec0 mcp proxy: ${level}: ${msg}${Object.keys(obj).length > 0 ? ` ${JSON.stringify(obj)}` : ""}\n`,
    );
  return { debug: () => undefined, info: line("info"), warn: line("warn"), error: line("error") };
}
