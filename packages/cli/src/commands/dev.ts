import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Sec0Error } from "@sec0/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import type { DevStack } from "../dev/dev-stack-types.js";
import { createLogFormatter } from "../dev/format-log-line.js";
import { startDevStack } from "../dev/start-dev-stack.js";

interface DevOptions {
  readonly dir: string;
  readonly tenant: string;
  readonly redis?: string;
  readonly databaseUrl?: string;
  readonly target: readonly string[];
  readonly approver: readonly string[];
  readonly autoPorts: boolean;
  readonly reset: boolean;
  readonly logLevel: string;
  readonly bridgeConfig?: string;
}

const PREFIX_WIDTH = "approvals-bridge".length;

/**
 * Registers `sec0 dev [--dir] [--tenant] [--redis <url>] [--database-url <url>] [--target
 * name=url]... [--approver id]... [--auto-ports] [--reset] [--log-level]`: runs the control plane,
 * the gateway and the approvals bridge on this machine, their logs prefixed with the service, and
 * stops them on Ctrl-C (SIGINT) or SIGTERM. Exits 1 when a service stops by itself.
 *
 * @throws {Sec0Error} `CLI_DEV_*` (see docs/errors.md).
 */
export function registerDevCommand(program: Command, context: CliContext): void {
  program
    .command("dev")
    .description("run the control plane, the gateway and the approvals bridge locally, wired together")
    .option("--dir <path>", "workspace for data, keys, configs and audit logs", ".sec0/dev")
    .option("--tenant <id>", "the tenant to create", "dev")
    .option("--redis <url>", "Redis for the gateway and the bridge (default: in memory)")
    .option("--database-url <url>", "PostgreSQL for the control plane (default: PGlite in --dir)")
    .option("--target <name=url>", "an upstream MCP server of the gateway (repeatable)", collect, [])
    .option(
      "--approver <id>",
      "who may approve on the local page (repeatable; default: your user name)",
      collect,
      [],
    )
    .option("--auto-ports", "pick free ports instead of 8787, 8088 and 8790", false)
    .option("--reset", "remove the workspace first", false)
    .option("--log-level <level>", "the services' log level", "info")
    .option(
      "--bridge-config <file.json>",
      "merged into the approvals bridge's config: discord / telegram sections (secrets as env:// refs), the tenant's channels or chats, approvers' platform ids",
    )
    .action(async (options: DevOptions) => {
      const { io } = context;
      const formatters = new Map<string, (line: string) => string | undefined>();
      const write = (service: string, line: string) => {
        let format = formatters.get(service);
        if (format === undefined) {
          format = createLogFormatter();
          formatters.set(service, format);
        }
        const text = format(line);
        if (text !== undefined) io.stdout(`${`[${service}]`.padEnd(PREFIX_WIDTH + 2)} ${text}\n`);
      };
      const stack = await startDevStack({
        dir: options.dir,
        cwd: io.cwd,
        env: io.env,
        tenant: options.tenant,
        ...(options.autoPorts ? { ports: "auto" as const } : {}),
        redisUrl: options.redis,
        databaseUrl: options.databaseUrl,
        targets: parseTargets(options.target),
        ...(options.approver.length > 0 ? { approvers: options.approver } : {}),
        reset: options.reset,
        log: write,
        logLevel: options.logLevel,
        ...(options.bridgeConfig === undefined
          ? {}
          : { bridgeConfig: readBridgeConfig(options.bridgeConfig, io.cwd) }),
      });
      io.stdout(banner(stack, io.cwd));
      const outcome = await untilStopped(stack);
      if (outcome.kind === "exited") {
        io.stderr(
          `sec0 dev: ${outcome.service} stopped by itself (exit ${outcome.code}); stopping the rest.\n`,
        );
        await stack.stop();
        context.exitCode = 1;
        return;
      }
      io.stdout("sec0 dev: stopping…\n");
      await stack.stop();
      io.stdout("sec0 dev: stopped.\n");
      context.exitCode = 0;
    });
}

/** The `--bridge-config` file: a JSON object (secrets stay env:// refs; the file holds none). */
function readBridgeConfig(path: string, cwd: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, path), "utf8"));
  } catch (error) {
    throw new Sec0Error("CLI_DEV_OPTION_INVALID", `--bridge-config ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Sec0Error("CLI_DEV_OPTION_INVALID", `--bridge-config ${path}: expected a JSON object.`);
  return parsed as Record<string, unknown>;
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

function parseTargets(entries: readonly string[]): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const name = entry.slice(0, at);
    const url = entry.slice(at + 1);
    if (at <= 0 || !URL.canParse(url))
      throw new Sec0Error(
        "CLI_DEV_OPTION_INVALID",
        `--target expects name=http://host:port, got "${entry}".`,
      );
    targets[name] = url;
  }
  return targets;
}

function untilStopped(
  stack: DevStack,
): Promise<{ kind: "signal" } | { kind: "exited"; service: string; code: number | string }> {
  return new Promise((resolveStop) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolveStop({ kind: "signal" });
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    void stack.exited.then(({ service, code }) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolveStop({ kind: "exited", service, code });
    });
  });
}

function banner(stack: DevStack, cwd: string): string {
  const where = relative(cwd, stack.dir) || ".";
  const database = stack.storage.database === "pglite" ? `PGlite in ${where}/control-plane` : "PostgreSQL";
  const state = stack.storage.state === "memory" ? "in-memory state" : "state in Redis";
  return [
    "",
    "sec0 dev is running:",
    `  control plane   ${stack.urls.controlPlane}   (${database})`,
    `  gateway         ${stack.urls.gateway}   (${state}; upstreams: ${Object.entries(stack.targets)
      .map(([name, url]) => `${name} → ${url}`)
      .join(", ")})`,
    `  approvals page  ${stack.urls.approvalsPage}`,
    `  console         ${stack.urls.console}   (sign in with the admin key below)`,
    "",
    `  tenant          ${stack.tenant}`,
    `  admin key       ${stack.keys.admin}`,
    `  agent key       ${stack.keys.agent}   (policy:read, escalation:create, audit:ingest)`,
    `  gateway key     ${stack.keys.gatewayClient}   (x-api-key of gateway callers)`,
    `  audit key       ${relative(cwd, stack.auditKeyPath)}   (every service signs with it)`,
    "",
    `  The keys are kept in ${where}/dev-secrets.json (mode 0600). Ctrl-C stops everything.`,
    "",
  ]
    .join("\n")
    .concat("\n");
}
