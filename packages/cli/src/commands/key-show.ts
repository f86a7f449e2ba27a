import { isAbsolute } from "node:path";
import { publicKeyFromKeyRef, type SignerWarning, toBase64 } from "@sec0/signer";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

const SCHEME_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Registers `sec0 key show <ref> [--json]`: loads a key (a `file://` or `env://` ref, or a plain
 * path) under the same rules as the signer and prints its key id and public key, never the key.
 *
 * @throws {Sec0Error} the `SIGNER_KEY_*` codes of `LocalDevSigner.fromKeyRef`.
 * @example
 * registerKeyShowCommand(program, context); // sec0 key show .sec0/keys/ed25519.key --json
 */
export function registerKeyShowCommand(program: Command, context: CliContext): void {
  const key =
    program.commands.find((command) => command.name() === "key") ??
    program.command("key").description("inspect signing keys");
  key
    .command("show")
    .description("print the key id and public key of a signing key")
    .argument("<ref>", "file://path, env://VARIABLE, or a plain path to a key file")
    .option("--json", "print JSON", false)
    .action((ref: string, options: { json: boolean }) => {
      const { io } = context;
      const keyRef = toKeyRef(ref);
      const warnings: SignerWarning[] = [];
      const info = publicKeyFromKeyRef(keyRef, {
        cwd: io.cwd,
        env: io.env,
        onWarning: (w) => warnings.push(w),
      });
      const publicKey = toBase64(info.publicKey);
      if (options.json) {
        const publicKeyHex = Buffer.from(info.publicKey).toString("hex");
        io.stdout(`${JSON.stringify({ keyRef, keyId: info.keyId, publicKey, publicKeyHex }, null, 2)}\n`);
      } else {
        io.stdout(`key ref:    ${keyRef}\nkey id:     ${info.keyId}\npublic key: ${publicKey}\n`);
      }
      for (const warning of warnings) io.stderr(`warning: ${warning.message}\n`);
      context.exitCode = 0;
    });
}

/** A plain path becomes a `file://` ref; anything with a scheme is passed through to be checked. */
function toKeyRef(ref: string): string {
  if (SCHEME_PATTERN.test(ref)) return ref;
  return isAbsolute(ref) || /^\.\.?[\\/]/.test(ref) ? `file://${ref}` : `file://./${ref}`;
}
