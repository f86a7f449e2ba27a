// Builds the production bundle the Dockerfile copies into the image, with the same command:
//   pnpm --filter @sec0/gateway-app --config.inject-workspace-packages=true deploy --prod <dir>
import { execFile } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The pnpm the repository pins (`packageManager`), run through npx as the Dockerfile installs it. */
export const PNPM = ["--yes", "pnpm@10.34.9"] as const;

/** The deploy arguments, shared with the Dockerfile (see its comment on inject-workspace-packages). */
export const DEPLOY_ARGS = [
  "--filter",
  "@sec0/gateway-app",
  "--config.inject-workspace-packages=true",
  "deploy",
  "--prod",
] as const;

/** Runs the deploy into `target`; resolves with its output, rejects with it on failure. */
export function deployBundle(target: string, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      "npx",
      [...PNPM, ...DEPLOY_ARGS, target],
      { cwd: REPO_DIR, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: "1" } },
      (error, stdout, stderr) => (error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr })),
    );
  });
}

/** Bytes under `dir`, following no symlinks (pnpm's node_modules links inside the bundle are counted once). */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}
