import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The directory of the console's build: `@sec0/console-app`'s `dist`, resolved from this package
 * (so it is found in the workspace, in `pnpm deploy` bundles and in the container alike).
 * `undefined` when the console package or its build is not there.
 */
export function bundledConsoleDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve("@sec0/console-app/package.json");
    const dir = join(dirname(manifest), "dist");
    return existsSync(join(dir, "index.html")) ? dir : undefined;
  } catch {
    return undefined;
  }
}
