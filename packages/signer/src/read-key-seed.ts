import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { Sec0Error } from "@sec0/core";
import { decodeKeyText } from "./decode-key-text.js";
import { parseKeyRef } from "./key-ref.js";
import type { KeyRefOptions } from "./key-ref-options.js";
import { assertInSafeKeyDir, realpathOfExisting, resolveSafeKeyDirs } from "./safe-key-dirs.js";
import { warnPermissiveKeyFile } from "./warn-permissive-key-file.js";

/** A base64 key is under 100 characters; anything much larger is not a key file. */
const MAX_KEY_FILE_BYTES = 4096;

const CREATE_HINT =
  "Create one with `sec0 keygen` (writes .sec0/keys/ed25519.key) or " +
  "`mkdir -p .sec0/keys && openssl rand -base64 32 > .sec0/keys/ed25519.key`.";

/**
 * Loads the 32-byte Ed25519 seed a key reference points at. The caller owns (and should zero)
 * the returned bytes.
 *
 * @throws {Sec0Error} `SIGNER_KEY_REF_*`, `SIGNER_KEY_FILE_NOT_FOUND`, `SIGNER_KEY_FILE_UNREADABLE`,
 * `SIGNER_KEY_OUTSIDE_SAFE_DIRS`, `SIGNER_KEY_ENV_MISSING`, `SIGNER_KEY_ENCODING_INVALID`,
 * `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
 */
export function readKeySeed(ref: string, options: KeyRefOptions = {}): Uint8Array {
  const parsed = parseKeyRef(ref);
  const env = options.env ?? process.env;
  if (parsed.scheme === "env") {
    const value = env[parsed.name];
    if (value === undefined || value.trim() === "") {
      throw new Sec0Error(
        "SIGNER_KEY_ENV_MISSING",
        `The environment variable ${parsed.name} (from env://${parsed.name}) is not set or empty. ` +
          "Set it to the base64 key, e.g. the content of a file written by `sec0 keygen`.",
        { details: { variable: parsed.name } },
      );
    }
    return decodeKeyText(value, { in: `env://${parsed.name}` });
  }
  return decodeKeyText(readKeyFile(parsed.path, options, true), { in: parsed.path });
}

/**
 * The 32-byte seed in the key file at `path` (relative to `options.cwd`), wherever it lies: for a
 * file the user names to inspect (`sec0 key show`), not for signing, which goes through
 * {@link readKeySeed} and the safe key directories.
 *
 * @throws {Sec0Error} `SIGNER_KEY_FILE_NOT_FOUND`, `SIGNER_KEY_FILE_UNREADABLE`,
 * `SIGNER_KEY_ENCODING_INVALID`, `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
 */
export function readKeyFileSeed(path: string, options: KeyRefOptions = {}): Uint8Array {
  return decodeKeyText(readKeyFile(path, options, false), { in: path });
}

function readKeyFile(path: string, options: KeyRefOptions, onlySafeDirs: boolean): string {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const dirs = onlySafeDirs ? resolveSafeKeyDirs({ cwd, env: options.env ?? process.env }) : undefined;
  const shown = { path, lexical: absolute };
  // Containment before the key path is touched, so "outside" never depends on existence.
  if (dirs !== undefined) assertInSafeKeyDir(absolute, dirs, shown, "lexical");
  const real = realpathOrThrow(path, absolute, (resolved) => {
    // A missing file under a directory linked out of a safe one fails as "outside", exactly as an
    // existing one would: not found is said only of paths that really lie inside.
    if (dirs !== undefined) assertInSafeKeyDir(resolved, dirs, shown, "missing");
  });
  if (dirs !== undefined) assertInSafeKeyDir(real, dirs, shown, "real");
  // O_NOFOLLOW: the checked real path is what gets opened, even if a link is swapped in meanwhile.
  const fd = openOrThrow(path, real);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw unreadable(path, "it is not a regular file");
    if (stat.size > MAX_KEY_FILE_BYTES)
      throw unreadable(path, `it is ${stat.size} bytes, too large for a key`);
    if (process.platform !== "win32" && (stat.mode & 0o077) !== 0)
      warnPermissiveKeyFile({ path, absolute, real }, stat.mode, options);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

function realpathOrThrow(path: string, absolute: string, checkMissing: (resolved: string) => void): string {
  try {
    return realpathSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      checkMissing(realpathOfExisting(absolute));
      throw new Sec0Error(
        "SIGNER_KEY_FILE_NOT_FOUND",
        `No signing key file at ${path} (resolved to ${absolute}). ${CREATE_HINT}`,
        { details: { path, resolvedPath: absolute } },
      );
    }
    throw unreadable(path, (error as NodeJS.ErrnoException).code ?? "unknown error");
  }
}

function openOrThrow(path: string, real: string): number {
  try {
    return openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw unreadable(path, (error as NodeJS.ErrnoException).code ?? "unknown error");
  }
}

function unreadable(path: string, why: string): Sec0Error {
  return new Sec0Error(
    "SIGNER_KEY_FILE_UNREADABLE",
    `Cannot read the signing key file ${path}: ${why}. Check that it is a readable file holding one base64 key.`,
    { details: { path, reason: why } },
  );
}
