import type { Logger } from "@sec0/core";

/** Limits of {@link createBoundedLogger}. */
export interface BoundedLogOptions {
  /** Longest string logged, message and each field (default 512 characters). */
  readonly maxChars?: number;
  /** Messages of one kind (level and message) let through per interval (default 5). */
  readonly burst?: number;
  /** The interval, in ms (default 60000). */
  readonly intervalMs?: number;
}

/** A {@link Logger} whose lines are bounded in size and rate. */
export interface BoundedLogger extends Logger {
  /** Logs the suppressed counts still pending and stops the timers (call on shutdown). */
  flush(): void;
}

/** The constant message of the line that reports suppressed messages. */
export const SUPPRESSED_LOG_MESSAGE = "suppressed similar log messages";

type Level = "debug" | "info" | "warn" | "error";

interface KindState {
  count: number;
  suppressed: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Wraps `logger` so that whatever a peer sends cannot flood it: each string (the message, each
 * field) is cut to `maxChars`, any other field to `maxChars` of its JSON, and past `burst` messages
 * of one kind per interval the rest are counted and reported in one line at the interval's end.
 *
 * @example
 * const log = createBoundedLogger(logger);
 * log.warn({ error: error.message }, "mcp proxy relay error");
 * log.flush();
 */
export function createBoundedLogger(logger: Logger, options: BoundedLogOptions = {}): BoundedLogger {
  const maxChars = options.maxChars ?? 512;
  const burst = options.burst ?? 5;
  const intervalMs = options.intervalMs ?? 60_000;
  const kinds = new Map<string, KindState>();

  const report = (level: Level, msg: string, key: string): void => {
    const state = kinds.get(key);
    kinds.delete(key);
    if (state?.timer !== undefined) clearTimeout(state.timer);
    if (state !== undefined && state.suppressed > 0) {
      logger[level]({ suppressed: state.suppressed, kind: msg }, SUPPRESSED_LOG_MESSAGE);
    }
  };

  const at =
    (level: Level) =>
    (obj: object, message: string): void => {
      const msg = truncate(message, maxChars);
      const key = `${level} ${msg}`;
      let state = kinds.get(key);
      if (state === undefined) {
        state = { count: 0, suppressed: 0 };
        kinds.set(key, state);
        // The window starts with its first message; its end reports and forgets the kind.
        state.timer = setTimeout(() => report(level, msg, key), intervalMs);
        state.timer.unref?.();
      }
      state.count += 1;
      if (state.count > burst) {
        state.suppressed += 1;
        return;
      }
      logger[level](boundFields(obj, maxChars), msg);
    };

  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    flush() {
      for (const key of [...kinds.keys()]) {
        const space = key.indexOf(" ");
        report(key.slice(0, space) as Level, key.slice(space + 1), key);
      }
    },
  };
}

function boundFields(obj: object, maxChars: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(obj)) {
    if (typeof value === "string") out[name] = truncate(value, maxChars);
    else if (value === null || typeof value === "number" || typeof value === "boolean") out[name] = value;
    else if (value !== undefined) {
      const json = safeJson(value);
      out[name] = json.length > maxChars ? truncate(json, maxChars) : value;
    }
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Cuts `text` to `max` characters, saying how many were cut. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = (cut: number) => `…(+${cut} chars)`;
  const keep = Math.max(0, max - marker(text.length).length);
  return `${text.slice(0, keep)}${marker(text.length - keep)}`;
}
