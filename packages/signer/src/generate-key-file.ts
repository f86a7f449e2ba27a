import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Sec0Error } from "@sec0/core";
import { toBase64 } from "./base64.js";
import { LocalDevSigner } from "./local-dev-signer.js";
import type { PublicKeyInfo } from "./public-key-from-key-ref.js";

/** What {@link generateKeyFile} wrote. */
export interface GeneratedKeyFile extends PublicKeyInfo {
  /** Absolute path of the new key file. */
  readonly path: string;
}

/**
 * Writes a fresh Ed25519 key file: base64 of 32 random seed bytes and a newline, mode 0600,
 * creating parent directories. The format is the one `openssl rand -base64 32` produces.
 *
 * @throws {Sec0Error} `SIGNER_KEY_FILE_EXISTS` when the file exists and `force` is not set;
 * `SIGNER_KEY_FILE_UNWRITABLE` when it cannot be written.
 * @example
 * const { keyId } = generateKeyFile(".sec0/keys/ed25519.key");
 */
export function generateKeyFile(
  path: string,
  options: { readonly cwd?: string; readonly force?: boolean } = {},
): GeneratedKeyFile {
  const target = resolve(options.cwd ?? process.cwd(), path);
  if (existsSync(target) && options.force !== true) throw keyFileExists(path, target);
  const seed = randomBytes(32);
  try {
    const signer = LocalDevSigner.fromSeed(seed);
    writeKey(target, `${toBase64(seed)}\n`, options.force === true, path);
    return { path: target, keyId: signer.keyId, publicKey: signer.publicKey };
  } finally {
    seed.fill(0);
  }
}

function keyFileExists(path: string, target: string): Sec0Error {
  return new Sec0Error(
    "SIGNER_KEY_FILE_EXISTS",
    `A key file already exists at ${path}; refusing to overwrite it (records signed with it verify only ` +
      "against its public key). Pass --force to replace it, or choose another path with --out.",
    { details: { path: target } },
  );
}

function writeKey(target: string, content: string, force: boolean, shownPath: string): void {
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw unwritable(target, error);
  }
  try {
    // Replace rather than rewrite in place, so the new file is created with mode 0600 from the start.
    if (force) rmSync(target, { force: true }); // also removes a dangling symlink, never its target
    writeFileSync(target, content, { mode: 0o600, flag: "wx" });
    chmodSync(target, 0o600); // the umask may have removed bits, never added: make the mode exact
  } catch (error) {
    // EEXIST here means the file was created meanwhile by someone else.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw keyFileExists(shownPath, target);
    throw unwritable(target, error);
  }
}

function unwritable(target: string, error: unknown): Sec0Error {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
  return new Sec0Error(
    "SIGNER_KEY_FILE_UNWRITABLE",
    `Cannot write the key file ${target}: ${code}. Check that its directory can be created and is writable.`,
    { details: { path: target, reason: code }, cause: error },
  );
}
