#!/usr/bin/env node
// The `sec0-control-plane` bin:
//   sec0-control-plane [serve]              start the service (config: SEC0_CONTROL_PLANE_CONFIG + env)
//   sec0-control-plane init --tenant <id>   create a tenant and its first admin key (printed once)
//   sec0-control-plane migrate              apply the migrations and exit
// A bad config or a failed start exits 1 with one line on stderr, never a stack.
import { parseArgs } from "node:util";
import { isSec0Error } from "@sec0/core";
import { BACKGROUND_JOBS } from "./background-jobs.js";
import { loadConfig } from "./config/load-config.js";
import { bootstrapTenant } from "./keys/bootstrap-tenant.js";
import { createLogger } from "./logger.js";
import { openDatabase } from "./open-database.js";
import { startService } from "./start-service.js";

const EXIT_FAILED = 1;

async function serve(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const logger = createLogger(config.log_level);
  const service = await startService(config, {
    logger,
    cwd: process.cwd(),
    env: process.env,
    jobs: BACKGROUND_JOBS,
  });
  logger.info({ url: service.url, storage: service.storage }, "sec0 control plane listening");
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "sec0 control plane shutting down");
    setTimeout(() => process.exit(EXIT_FAILED), config.shutdown_timeout_ms + 5_000).unref();
    service.stop().then(
      () => {
        logger.info({}, "sec0 control plane stopped");
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: (error as Error)?.message }, "sec0 control plane shutdown failed");
        logger.flush();
        process.exit(EXIT_FAILED);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

async function init(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { tenant: { type: "string" }, name: { type: "string" }, force: { type: "boolean" } },
    strict: true,
  });
  if (values.tenant === undefined)
    throw new Error("init needs --tenant <id>, e.g. sec0-control-plane init --tenant acme");
  const config = loadConfig(process.env, process.cwd());
  const db = await openDatabase(config, process.cwd(), () => undefined);
  try {
    const key = await bootstrapTenant(
      db,
      { tenantId: values.tenant, name: values.name ?? values.tenant },
      { force: values.force === true },
    );
    process.stdout.write(`tenant: ${values.tenant}\nadmin key (shown once, store it now): ${key}\n`);
  } finally {
    await db.close();
  }
}

async function migrateOnly(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const db = await openDatabase(config, process.cwd(), () => undefined);
  await db.close();
  process.stdout.write("migrations applied\n");
}

async function main(argv: readonly string[]): Promise<void> {
  const [command = "serve", ...rest] = argv;
  if (command === "serve") return serve();
  if (command === "init") return init(rest);
  if (command === "migrate") return migrateOnly();
  throw new Error(`unknown command "${command}": use serve, init --tenant <id> or migrate`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const line = isSec0Error(error)
    ? `sec0-control-plane: ${error.code}: ${error.message}`
    : `sec0-control-plane: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`${line.replace(/\s*\n\s*/g, " ")}\n`);
  process.exitCode = EXIT_FAILED;
});
