import { stripTerminalControls } from "../strip-terminal-controls.js";

const LEVELS: Readonly<Record<number, string>> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};
/** pino's and Fastify's own fields, not repeated after the message. */
const SKIPPED = new Set([
  "level",
  "time",
  "pid",
  "hostname",
  "msg",
  "service",
  "v",
  "reqId",
  "req",
  "res",
  "responseTime",
]);

/**
 * Makes a service's output lines readable: a pino JSON line becomes
 * `12:00:01 info  sec0 gateway listening url=http://…`, and Fastify's two lines per request
 * (`incoming request`, `request completed`) become one `GET /api/keys → 201 (12 ms)`; `undefined`
 * means "print nothing for this line". Anything that is not JSON passes as it is. Terminal
 * controls are removed either way (a log line can carry text a caller sent). One formatter per
 * service: it remembers requests in flight (bounded).
 */
export function createLogFormatter(): (line: string) => string | undefined {
  const inFlight = new Map<string, string>();
  return (line) => {
    const text = stripTerminalControls(line);
    if (!text.startsWith("{")) return text;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return text;
    }
    const req = entry.req as { method?: string; url?: string } | undefined;
    if (entry.msg === "incoming request" && typeof entry.reqId === "string") {
      if (inFlight.size >= 1_000) inFlight.clear();
      inFlight.set(entry.reqId, `${req?.method ?? "?"} ${(req?.url ?? "?").split("?")[0]}`);
      return undefined;
    }
    let msg = String(entry.msg ?? "");
    if (msg === "request completed" && typeof entry.reqId === "string") {
      const status = (entry.res as { statusCode?: number } | undefined)?.statusCode;
      const took = typeof entry.responseTime === "number" ? ` (${Math.round(entry.responseTime)} ms)` : "";
      msg = `${inFlight.get(entry.reqId) ?? "request"} → ${status ?? "?"}${took}`;
      inFlight.delete(entry.reqId);
    }
    const fields = Object.entries(entry)
      .filter(([key]) => !SKIPPED.has(key))
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    return [timeOf(entry.time), levelOf(entry.level).padEnd(5), msg, ...fields].join(" ").trimEnd();
  };
}

function timeOf(time: unknown): string {
  const date = typeof time === "number" || typeof time === "string" ? new Date(time) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? "--:--:--" : date.toISOString().slice(11, 19);
}

function levelOf(level: unknown): string {
  return typeof level === "number" ? (LEVELS[level] ?? String(level)) : String(level ?? "");
}
