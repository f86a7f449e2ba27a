import type { Logger } from "@sec0/core";
import { type DestinationStream, pino } from "pino";
import type { LogLevel } from "./config/gateway-app-config.js";
import { REDACTED, scrubLogObject } from "./scrub-log-object.js";

/** Paths pino redacts natively (the usual header and credential spots); the scrub catches any depth. */
export const REDACT_PATHS: readonly string[] = [
  "authorization",
  "cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["x-api-key"]',
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  "*.authorization",
  "*.cookie",
  '*["x-api-key"]',
  "*.token",
  "*.secret",
  "*.password",
  "*.key_ref",
  "*.keyRef",
];

/** The service's logger: the core `Logger` port plus `flush()` for exit paths. */
export interface ServiceLogger extends Logger {
  flush(): void;
}

/**
 * Creates the service logger: pino writing JSON lines to stdout (or `destination`) at `level`,
 * with `redact` on the usual secret paths and every log object scrubbed of secret-named keys at
 * any depth and of passwords in URLs, adapted to the core `Logger` port.
 *
 * @example
 * const logger = createLogger({ level: "info" });
 * logger.info({ url: "http://127.0.0.1:8088" }, "sec0 gateway listening");
 */
export function createLogger(options: {
  readonly level: LogLevel;
  readonly destination?: DestinationStream;
}): ServiceLogger {
  const log = pino(
    {
      level: options.level,
      base: { service: "sec0-gateway" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubLogObject(object) as Record<string, unknown>,
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    debug: (obj, msg) => log.debug(obj, msg),
    info: (obj, msg) => log.info(obj, msg),
    warn: (obj, msg) => log.warn(obj, msg),
    error: (obj, msg) => log.error(obj, msg),
    flush: () => log.flush(),
  };
}
