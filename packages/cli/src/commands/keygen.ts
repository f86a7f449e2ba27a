import { realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import {
  generateKeyFile,
  isInSafeKeyDir,
  resolveSafeKeyDirs,
  SAFE_KEY_DIRS_ENV,
  toBase64,
} from "@sec0/signer";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

/** Where `sec0 keygen` writes by default: the path the quickstart and policy examples use. */
export const DEFAULT_KEY_PATH = ".sec0/keys/ed25519.key";

/**
 * Registers `sec0 keygen [--out path] [--force]`: writes a fresh Ed25519 key file (base64 seed,
 * mode 0600) and prints its key id, public key and the `key_ref` line for policy.yaml.
 *
 * @throws {Sec0Error} `SIGNER_KEY_FILE_EXISTS` without `--force`; `SIGNER_KEY_FILE_UNWRITABLE`.
 * @example
 * registerKeygenCommand(program, context); // sec0 keygen --out keys/audit.key
 */
export function registerKeygenCommand(program: Command, context: CliContext): void {
  program
    .command("keygen")
    .description("create an Ed25519 signing key file for audit records")
    .option("-o, --out <path>", "where to write the key", DEFAULT_KEY_PATH)
    .option("-f, --force", "replace an existing key file", false)
    .action((options: { out: string; force: boolean }) => {
      const { io } = context;
      const key = generateKeyFile(options.out, { cwd: io.cwd, force: options.force });
      const keyRef = keyRefFor(key.path, io.cwd);
      io.stdout(
        `Wrote a new Ed25519 signing key to ${options.out} (mode 0600). Keep it secret; back it up.\n` +
          `key id:     ${key.keyId}\n` +
          `public key: ${toBase64(key.publicKey)}\n\n` +
          "Add to policy.yaml:\n" +
          "signing:\n" +
          `  key_ref: "${keyRef}"\n`,
      );
      const dirs = resolveSafeKeyDirs({ cwd: io.cwd, env: io.env });
      if (!isInSafeKeyDir(realpathSync(key.path), dirs)) {
        io.stderr(
          `warning: ${options.out} is outside the safe key directories (${dirs.join(", ")}), so ` +
            `sec0 mcp proxy will not sign with it; set ${SAFE_KEY_DIRS_ENV} to include its directory.\n`,
        );
      }
      context.exitCode = 0;
    });
}

/** `file://./<path>` for a key under the working directory (as the docs write it), else absolute. */
function keyRefFor(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel.startsWith("..") || isAbsolute(rel)) return `file://${path}`;
  return `file://./${rel.split("\\").join("/")}`;
}
