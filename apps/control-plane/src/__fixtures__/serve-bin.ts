// The built `sec0-control-plane` bin as a child process, for tests that run it as a user would.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built bin (`pnpm build` first; tests that need it skip without it). */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "main.js");

/**
 * Starts `serve` in `cwd` on a free port (with `env` over the process's) and resolves with its URL
 * from the "listening" log line. The child is pushed to `children` so the test can kill it.
 */
export function serveBin(
  cwd: string,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN], {
    cwd,
    env: { ...process.env, ...env, SEC0_CONTROL_PLANE_PORT: "0", LOG_LEVEL: "info" },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*sec0 control plane listening/.exec(out);
      if (match?.[1] !== undefined) resolve({ url: match[1], child });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}
