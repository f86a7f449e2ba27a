import { hostname } from "node:os";

let counter = 0;
/** The host part, computed once: `os.hostname()` is a system call. */
const HOST =
  hostname()
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .slice(0, 60) || "host";

/**
 * A new run reference in 0.2.3's form `<hostname>:<pid>:<epochMs>:<counter>` (the host name's
 * characters outside `[A-Za-z0-9._-]` become `_`, so the ref is a valid `x-agent-ref`).
 * @example
 * generateRunRef(); // "build-7:4121:1767225600000:1"
 */
export function generateRunRef(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${HOST}:${process.pid}:${Date.now()}:${counter}`;
}
