import { realpathSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import {
  isInSafeKeyDir,
  type PublicKeyInfo,
  parseKeyRef,
  publicKeyFromKeyFile,
  publicKeyFromKeyRef,
  resolveSafeKeyDirs,
  SAFE_KEY_DIRS_ENV,
  type SignerWarning,
  toBase64,
} from "@sec0/signer";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

const SCHEME_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Registers `sec0 key show <file|ref> [--json] [--public]`: prints the key id and public key of a
 * key, never the key; `--public` prints only the public key line (what to keep outside the log). A file (a plain path or `file://`) is read wherever it lies, since the user named it;
 * only signing is kept to the safe key directories, and a note says when the file is outside them.
 *
 * @throws {Sec0Error} the `SIGNER_KEY_*` codes of `publicKeyFromKeyFile` / `publicKeyFromKeyRef`.
 * @example
 * registerKeyShowCommand(program, context); // sec0 key show .sec0/keys/ed25519.key --json
 */
export function registerKeyShowCommand(program: Command, context: CliContext): void {
  const key =
    program.commands.find((command) => command.name() === "key") ??
    program.command("key").description("inspect signing keys");
  key
    .command("show")
    .description("print the key id and public key of a key file (or env:// key)")
    .argument("<file>", "a key file (plain path or file://path), or env://VARIABLE")
    .option("--json", "print JSON", false)
    .option("--public", "print only the public key line, to keep outside the log (key id on stderr)", false)
    .action((given: string, options: { json: boolean; public: boolean }) => {
      const { io } = context;
      const keyRef = toKeyRef(given);
      const warnings: SignerWarning[] = [];
      const info = readPublicKey(given, keyRef, context, warnings);
      const publicKey = toBase64(info.publicKey);
      if (options.public) {
        io.stdout(`${publicKey}\n`);
        io.stderr(`key id: ${info.keyId} (pin it with sec0 audit verify --key-id)\n`);
      } else if (options.json) {
        const publicKeyHex = Buffer.from(info.publicKey).toString("hex");
        io.stdout(`${JSON.stringify({ keyRef, keyId: info.keyId, publicKey, publicKeyHex }, null, 2)}\n`);
      } else {
        io.stdout(`key ref:    ${keyRef}\nkey id:     ${info.keyId}\npublic key: ${publicKey}\n`);
      }
      for (const warning of warnings) io.stderr(`warning: ${warning.message}\n`);
      context.exitCode = 0;
    });
}

function readPublicKey(
  given: string,
  keyRef: string,
  context: CliContext,
  warnings: SignerWarning[],
): PublicKeyInfo {
  const { cwd, env } = context.io;
  const options = { cwd, env, onWarning: (w: SignerWarning) => warnings.push(w) };
  const ref = parseKeyRef(keyRef); // refuses unknown schemes with the supported forms
  if (ref.scheme === "env") return publicKeyFromKeyRef(keyRef, options);
  const path = SCHEME_PATTERN.test(given) ? ref.path : given;
  const info = publicKeyFromKeyFile(path, options);
  const dirs = resolveSafeKeyDirs({ cwd, env });
  if (!isInSafeKeyDir(realpathSync(resolve(cwd, path)), dirs)) {
    context.io.stderr(
      `note: ${path} is outside the safe key directories (${dirs.join(", ")}): sec0 mcp proxy will not ` +
        `sign with it until you move it into one or set ${SAFE_KEY_DIRS_ENV} to include its directory.\n`,
    );
  }
  return info;
}

/** A plain path becomes a `file://` ref; anything with a scheme is passed through to be checked. */
function toKeyRef(ref: string): string {
  if (SCHEME_PATTERN.test(ref)) return ref;
  return isAbsolute(ref) || /^\.\.?[\\/]/.test(ref) ? `file://${ref}` : `file://./${ref}`;
}
