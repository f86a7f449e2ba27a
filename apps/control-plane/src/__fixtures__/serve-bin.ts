// The built `sec0-control-plane` bin as a child process, for tests that run it as a user would.
import type { ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServiceProcess } from "@sec0/testkit";

/** The built bin (`pnpm build` first; tests that need it skip without it). */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "main.js");

/** The log line `serve` prints once it listens; group 1 is its URL. */
export const CONTROL_PLANE_READY = /"url":"(http:\/\/[^"]+)".*sec0 control plane listening/;

/**
 * Starts `serve` in `cwd` on a free port (with `env` over the process's) and resolves with its URL
 * from the "listening" log line. The child is pushed to `children` so the test can kill it.
 */
export function serveBin(
  cwd: string,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<{ url: string; child: ChildProcess }> {
  return startServiceProcess({
    bin: BIN,
    cwd,
    env: { ...env, SEC0_CONTROL_PLANE_PORT: "0", LOG_LEVEL: "info" },
    ready: CONTROL_PLANE_READY,
    children,
  });
}
