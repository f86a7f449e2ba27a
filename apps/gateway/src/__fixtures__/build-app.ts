// Vitest global setup: compiles this app to dist/ once per run, so the process tests (which run
// dist/main.js, and the bundle pnpm deploy copies) never run a stale build. The libraries' dist
// comes from `pnpm build` (the root `pnpm test` runs it first).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");

export default function setup(): void {
  const gatewayDist = join(APP_DIR, "node_modules/@sec0/gateway/dist/index.js");
  if (!existsSync(gatewayDist)) {
    throw new Error("The libraries are not built: run `npx --yes pnpm@10.34.9 build` from the repository root first.");
  }
  execFileSync(join(APP_DIR, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: APP_DIR, stdio: "inherit" });
}
