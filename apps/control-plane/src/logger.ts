import type { Logger } from "@sec0/core";
import { type DestinationStream, pino } from "pino";
import type { ControlPlaneConfig } from "./config/config-schema.js";

/** Where API keys, tokens and secrets can appear in a log object: pino blanks them. */
export const REDACT_PATHS: readonly string[] = [
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  "req.headers.cookie",
  "headers.authorization",
  'headers["x-api-key"]',
  "*.apiKey",
  "*.api_key",
  "*.key",
  "*.token",
  "*.approval_token",
  "*.secret",
  "*.password",
  "database_url",
  "*.database_url",
];

/** The service logger: pino (JSON lines) behind the core `Logger` port, plus the pino instance for Fastify. */
export interface ServiceLogger extends Logger {
  readonly pino: pino.Logger;
  flush(): void;
}

/**
 * Creates the service logger at `level`, JSON lines to stdout (or `destination`), with the
 * usual secret paths redacted. Database URLs are never logged (they may hold a password).
 */
export function createLogger(
  level: ControlPlaneConfig["log_level"],
  destination?: DestinationStream,
): ServiceLogger {
  const log = pino(
    {
      level,
      base: { service: "sec0-control-plane" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: "[redacted]" },
    },
    destination,
  );
  return {
    pino: log,
    debug: (fields, message) => log.debug(fields, message),
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
    flush: () => log.flush(),
  };
}
