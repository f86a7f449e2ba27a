// What every e2e test starts from: the built `sec0` binary (skipping, with the reason, when the
// packages are not built) and the entry point of a third-party MCP server installed from npm.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

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

/** A fresh working directory (symlinks resolved) with a key from `sec0 keygen` in `.sec0/keys`. */
export function createKeyedWorkspace(prefix: string): string {
  const work = realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-`)));
  execFileSync(process.execPath, [cliBin, "keygen"], { cwd: work });
  return work;
}

/**
 * An official-SDK client connected over stdio to `sec0 mcp proxy <proxyArgs> -- node <server…>`,
 * started in `cwd`, as a user's MCP host would start it.
 */
export async function connectThroughProxy(
  cwd: string,
  proxyArgs: readonly string[],
  server: readonly string[],
  stderr: "pipe" | "ignore" = "pipe",
): Promise<Client> {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [cliBin, "mcp", "proxy", ...proxyArgs, "--", process.execPath, ...server],
      cwd,
      stderr,
    }),
  );
  return client;
}
