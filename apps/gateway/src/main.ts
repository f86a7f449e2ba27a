#!/usr/bin/env node
// The `sec0-gateway` bin (the image's entrypoint): load the config, start the service, log one
// line with the URL and the mode, and on SIGTERM / SIGINT drain, seal the audit file, disconnect
// Redis and exit 0. A bad config exits 1 with one line on stderr.
import { isSec0Error } from "@sec0/core";
import { effectiveTargets } from "./build-gateway-options.js";
import { loadConfig } from "./config/load-config.js";
import { createLogger } from "./logger.js";
import { startService } from "./start-service.js";

/** Exit code of a bad config or a failed start. */
const EXIT_FAILED = 1;

async function main(): Promise<void> {
  const env = process.env;
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const service = await startService(config, { env, logger });
  logger.info(
    {
      url: service.url,
      mode: service.mode,
      enforcement: config.enforcement.mode,
      tenant: config.tenant,
      targets: Object.keys(effectiveTargets(config)),
    },
    "sec0 gateway listening",
  );
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "sec0 gateway shutting down");
    // Bounded: the server cuts connections after shutdown_timeout_ms; this is the last resort.
    setTimeout(() => process.exit(EXIT_FAILED), config.server.shutdownTimeoutMs + 5_000).unref();
    service.stop().then(
      () => {
        logger.info({}, "sec0 gateway stopped");
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "sec0 gateway shutdown failed");
        logger.flush();
        process.exit(EXIT_FAILED);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

main().catch((error: unknown) => {
  // One line, never a stack: the code and a message that names the file and key.
  const line = isSec0Error(error)
    ? `sec0-gateway: ${error.code}: ${error.message}`
    : `sec0-gateway: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`${line.replace(/\s*\n\s*/g, " ")}\n`);
  process.exitCode = EXIT_FAILED;
});
