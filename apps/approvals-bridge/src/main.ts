#!/usr/bin/env node
// The `sec0-approvals-bridge` bin: starts the bridge (config: SEC0_APPROVALS_BRIDGE_CONFIG + env).
// A bad config or a failed start exits 1 with one line on stderr, never a stack or a secret.
import { isSec0Error } from "@sec0/core";
import { loadBridgeConfig } from "./config/load-bridge-config.js";
import { createBridgeLogger } from "./logger.js";
import { startBridgeService } from "./start-service.js";

async function main(): Promise<void> {
  const config = loadBridgeConfig(process.env, process.cwd());
  const logger = createBridgeLogger(config.log_level);
  const service = await startBridgeService(config, { env: process.env, cwd: process.cwd(), logger });
  logger.info({ url: service.url, state: service.state }, "sec0 approvals bridge listening");
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "sec0 approvals bridge shutting down");
    setTimeout(() => process.exit(1), 15_000).unref();
    service.stop().then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: (error as Error)?.message }, "sec0 approvals bridge shutdown failed");
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

main().catch((error: unknown) => {
  const message = isSec0Error(error)
    ? `${error.code}: ${error.message}`
    : `sec0-approvals-bridge: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
