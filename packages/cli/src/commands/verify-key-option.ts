import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { keyIdOf } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import { parseKeyRef, parsePublicKey, publicKeyFromKeyFile, publicKeyFromKeyRef } from "@sec0/signer";
import type { CliContext } from "../cli-context.js";

/** The key flags of `sec0 audit verify`. */
export interface VerifyKeyFlags {
  readonly key?: string;
  readonly publicKey?: string;
  readonly keyId?: string;
}

/**
 * The public key `sec0 audit verify` checks signatures with: `--public-key` (base64, hex or PEM,
 * or a file holding one) or `--key` (the same, or a private `file://` / `env://` key ref, which
 * works with a warning), checked against a pinned `--key-id`. Warns when the key file sits inside
 * the audited directory (real paths): whoever can rewrite the log could have replaced it.
 *
 * @throws {Sec0Error} `AUDIT_VERIFY_KEY_OPTIONS_INVALID`, `AUDIT_VERIFY_KEY_ID_MISMATCH`, `SIGNER_*`.
 */
export function readVerifyKey(
  flags: VerifyKeyFlags,
  auditPath: string,
  context: CliContext,
): Uint8Array | undefined {
  if (flags.key !== undefined && flags.publicKey !== undefined) {
    throw optionsInvalid("pass one of --public-key and --key, not both");
  }
  const given = flags.publicKey ?? flags.key;
  if (given === undefined) {
    if (flags.keyId !== undefined)
      throw optionsInvalid("--key-id pins a key; pass the key itself with --public-key");
    return undefined;
  }
  const { key, file } =
    flags.publicKey !== undefined ? readPublicKeyFlag(given, context) : readKeyFlag(given, context);
  if (file !== undefined) warnIfInside(file, auditPath, context);
  if (flags.keyId !== undefined && keyIdOf(key) !== flags.keyId) {
    throw new Sec0Error(
      "AUDIT_VERIFY_KEY_ID_MISMATCH",
      `sec0 audit verify: the key given has id ${keyIdOf(key)}, not the pinned --key-id ${flags.keyId}; ` +
        "the key was replaced, or the pin is of another key (`sec0 key show <key> --public` prints both).",
      { details: { keyId: keyIdOf(key), pinned: flags.keyId } },
    );
  }
  return key;
}

interface ReadKey {
  readonly key: Uint8Array;
  readonly file: string | undefined;
}

function readPublicKeyFlag(value: string, context: CliContext): ReadKey {
  const path = resolve(context.io.cwd, value);
  if (!existsSync(path) || !statSync(path).isFile()) return { key: parsePublicKey(value), file: undefined };
  return { key: parsePublicKey(readFileSync(path, "utf8")), file: path };
}

function readKeyFlag(value: string, context: CliContext): ReadKey {
  if (!/^(file|env):\/\//.test(value)) return { key: parsePublicKey(value), file: undefined };
  context.io.stderr(
    `warning: --key names a private key (${value}); whoever can change the log may hold it too. Keep the public key ` +
      "elsewhere (`sec0 key show <key> --public > audit.pub`) and verify with --public-key audit.pub.\n",
  );
  const options = { cwd: context.io.cwd, env: context.io.env };
  const ref = parseKeyRef(value);
  if (ref.scheme !== "file") return { key: publicKeyFromKeyRef(value, options).publicKey, file: undefined };
  return { key: publicKeyFromKeyFile(ref.path, options).publicKey, file: resolve(context.io.cwd, ref.path) };
}

function warnIfInside(file: string, auditPath: string, context: CliContext): void {
  const real = realpathSync(file);
  const dir = realpathSync(statSync(auditPath).isDirectory() ? auditPath : dirname(auditPath));
  if (real !== dir && !real.startsWith(`${dir}${sep}`)) return;
  context.io.stderr(
    `warning: the key ${file} is inside the audited directory ${dir}: whoever can rewrite the log can replace ` +
      "it and re-sign everything. Pin the public key (or its --key-id) somewhere the log's writer cannot change.\n",
  );
}

function optionsInvalid(why: string): Sec0Error {
  return new Sec0Error(
    "AUDIT_VERIFY_KEY_OPTIONS_INVALID",
    `sec0 audit verify: ${why} (e.g. --public-key audit.pub --key-id ed25519:<hex>).`,
  );
}
