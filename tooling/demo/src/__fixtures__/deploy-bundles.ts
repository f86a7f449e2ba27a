// The production bundles the images run: `pnpm deploy --prod` of each app (the Dockerfiles'
// command), into one temp folder.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";

export const REPO_DIR = resolve(import.meta.dirname, "../../../..");
export const BUNDLED_APPS = {
  controlPlane: "@sec0/control-plane-app",
  gateway: "@sec0/gateway-app",
  approvalsBridge: "@sec0/approvals-bridge-app",
} as const;

/** Deploys every app into `<target>/<app>`; resolves with each bundle's `dist/main.js`. */
export async function deployBundles(target: string, timeoutMs: number): Promise<Record<keyof typeof BUNDLED_APPS, string>> {
  const mains = {} as Record<keyof typeof BUNDLED_APPS, string>;
  for (const [app, name] of Object.entries(BUNDLED_APPS) as [keyof typeof BUNDLED_APPS, string][]) {
    const out = join(target, app);
    await new Promise<void>((done, fail) =>
      execFile(
        "npx",
        ["--yes", "pnpm@10.34.9", "--filter", name, "--config.inject-workspace-packages=true", "deploy", "--prod", out],
        { cwd: REPO_DIR, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: "1" } },
        (error, stdout, stderr) => (error ? fail(Object.assign(error, { stdout, stderr })) : done()),
      ),
    );
    mains[app] = join(out, "dist", "main.js");
  }
  return mains;
}
