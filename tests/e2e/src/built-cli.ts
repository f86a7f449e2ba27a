// What every e2e test starts from: the built `sec0` binary (skipping, with the reason, when the
// packages are not built) and the entry point of a third-party MCP server installed from npm.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** packages/cli/dist/bin.js, as the workspace links it. */
export const cliBin = join(dirname(require.resolve("@sec0/cli/package.json")), "dist/bin.js");

/** False (after printing why) when the CLI is not built; tests skip on it. */
export const built = existsSync(cliBin);
if (!built) console.warn(`e2e skipped: ${cliBin} is missing; run \`pnpm build\` first (pnpm test does).`);

/** The `dist/index.js` of an MCP server package from npm, e.g. `@modelcontextprotocol/server-everything`. */
export function serverEntry(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), "dist/index.js");
}
