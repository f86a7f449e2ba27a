import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Sec0Error } from "@sec0/core";

/** The three services `sec0 dev` runs, by their folder in the repository and their package. */
export const DEV_APPS = {
  "control-plane": "@sec0/control-plane-app",
  gateway: "@sec0/gateway-app",
  "approvals-bridge": "@sec0/approvals-bridge-app",
} as const;

/** A service of {@link DEV_APPS}. */
export type DevAppName = keyof typeof DEV_APPS;

/**
 * The built entry point (`dist/main.js`) of one app. The CLI does not depend on the apps (they are
 * deployables, not libraries), so they are found at run time, in order: `SEC0_DEV_APPS_DIR`
 * (a folder holding `control-plane/`, `gateway/`, `approvals-bridge/`), the app's package as
 * installed for the working directory, then the repository the CLI itself was built in.
 *
 * @throws {Sec0Error} `CLI_DEV_APP_NOT_FOUND` naming every place looked at.
 */
export function locateApp(
  name: DevAppName,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const candidates: string[] = [];
  const appsDir = env.SEC0_DEV_APPS_DIR?.trim();
  if (appsDir !== undefined && appsDir !== "")
    candidates.push(join(resolve(cwd, appsDir), name, "dist", "main.js"));
  try {
    const manifest = createRequire(join(cwd, "noop.js")).resolve(`${DEV_APPS[name]}/package.json`);
    candidates.push(join(dirname(manifest), "dist", "main.js"));
  } catch {
    // not installed for cwd
  }
  // packages/cli/dist/dev/locate-app.js -> <repo>/apps/<name>/dist/main.js
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
  candidates.push(join(repo, "apps", name, "dist", "main.js"));
  const found = candidates.find((path) => existsSync(path));
  if (found !== undefined) return found;
  throw new Sec0Error(
    "CLI_DEV_APP_NOT_FOUND",
    `sec0 dev needs the built ${DEV_APPS[name]} (looked at ${candidates.join(", ")}); run \`pnpm build\` in the sec0 repository or set SEC0_DEV_APPS_DIR.`,
  );
}
