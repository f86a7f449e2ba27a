import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { Sec0Error } from "@sec0/core";
import { isInSafeKeyDir, resolveSafeKeyDirs } from "@sec0/signer";

/**
 * Reads a secret reference: `env://NAME` (the variable, trimmed, non-empty) or `file://path` (the
 * file, trimmed, which must lie in a safe key directory: `.sec0/keys`, `keys`, `config/keys`,
 * `.sec0/secrets`, `secrets`, or `SEC0_SIGNER_KEY_DIRS`). The value never appears in an error.
 *
 * @throws {Sec0Error} `BRIDGE_CONFIG_INVALID` naming `field` and why.
 * @example
 * readSecret("env://DISCORD_BOT_TOKEN", "discord.bot_token_ref", { env: process.env, cwd: process.cwd() });
 */
export function readSecret(
  ref: string,
  field: string,
  options: { readonly env: Readonly<Record<string, string | undefined>>; readonly cwd: string },
): string {
  if (ref.startsWith("env://")) {
    const name = ref.slice("env://".length);
    const value = options.env[name]?.trim();
    if (value === undefined || value === "") throw invalid(field, `the variable ${name} is not set`);
    return value;
  }
  if (!ref.startsWith("file://")) throw invalid(field, "expected env://<VARIABLE> or file://<path>");
  const file = path.resolve(options.cwd, ref.slice("file://".length));
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw invalid(field, `${file} does not exist`);
  }
  if (!isInSafeKeyDir(real, resolveSafeKeyDirs(options))) {
    throw invalid(field, `${file} is outside the safe key directories (or links out of them)`);
  }
  const value = readFileSync(real, "utf8").trim();
  if (value === "") throw invalid(field, `${file} is empty`);
  return value;
}

function invalid(field: string, why: string): Sec0Error {
  return new Sec0Error("BRIDGE_CONFIG_INVALID", `${field}: ${why}.`, { details: { field } });
}
