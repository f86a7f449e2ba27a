import type { Logger } from "@sec0/core";
import { type DestinationStream, pino } from "pino";

/** Where tokens and secrets can appear in a log object: pino blanks them. */
const REDACT = [
  "req.headers.authorization",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-sec0-bridge-signature"]',
  "*.token",
  "*.secret",
  "*.apiKey",
  "*.api_key",
  "*.password",
];

/** The bridge's logger: pino JSON lines behind the core `Logger` port. */
export interface BridgeLogger extends Logger {
  flush(): void;
}

/** Creates the logger at `level` (stdout unless `destination`), with secret paths redacted. */
export function createBridgeLogger(level: string, destination?: DestinationStream): BridgeLogger {
  const log = pino(
    {
      level,
      base: { service: "sec0-approvals-bridge" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    destination,
  );
  return {
    debug: (fields, message) => log.debug(fields, message),
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
    flush: () => log.flush(),
  };
}
