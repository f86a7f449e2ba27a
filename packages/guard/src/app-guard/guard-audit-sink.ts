import { existsSync } from "node:fs";
import path from "node:path";
import { Sec0Appender } from "@sec0/audit";
import type { AuditSink, Clock, Signer } from "@sec0/core";
import { LocalDevSigner } from "@sec0/signer";
import { GuardConfigError } from "./guard-errors.js";

/** `audit`: where the guard writes its signed decision records. */
export interface GuardAuditConfig {
  /** Any sink (e.g. one `Sec0Appender` shared with the middleware); wins over the rest. */
  readonly sink?: AuditSink;
  /** Directory of the daily audit files (default `.sec0`). */
  readonly dir?: string;
  /** Default: the key `sec0 keygen` writes, `file://./.sec0/keys/ed25519.key`. */
  readonly signer?: Signer;
  readonly signing?: "per_record" | "checkpoint";
  readonly durability?: "none" | "batch" | "sync";
}

/** Where `sec0 keygen` (and the seed's setup step) puts the signing key. */
export const DEFAULT_GUARD_KEY_PATH = ".sec0/keys/ed25519.key";

/**
 * The guard's audit sink: `audit.sink`, else a `Sec0Appender` in `audit.dir` (default `.sec0`)
 * signed with `audit.signer`, else with the key file `.sec0/keys/ed25519.key`.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` (field `audit.signer`) when no signer is
 *   given and the key file does not exist; the message says how to create one.
 */
export function createGuardAuditSink(
  config: GuardAuditConfig = {},
  options: { readonly cwd?: string; readonly clock?: Clock } = {},
): AuditSink {
  if (config.sink !== undefined) return config.sink;
  const cwd = options.cwd ?? process.cwd();
  const signer = config.signer ?? defaultSigner(cwd);
  return new Sec0Appender({
    config: {
      dir: path.resolve(cwd, config.dir ?? ".sec0"),
      ...(config.signing === undefined ? {} : { signing: config.signing }),
      ...(config.durability === undefined ? {} : { durability: config.durability }),
    },
    signer,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

function defaultSigner(cwd: string): Signer {
  const file = path.resolve(cwd, DEFAULT_GUARD_KEY_PATH);
  if (!existsSync(file)) {
    throw new GuardConfigError(
      "audit.signer",
      `The guard signs every decision it records, and found no signing key at ${file}. Create one with \`npx sec0 keygen\`, or pass audit: { signer } (or audit: { sink }).`,
    );
  }
  try {
    return LocalDevSigner.fromKeyRef(`file://./${DEFAULT_GUARD_KEY_PATH}`, { cwd });
  } catch (error) {
    throw new GuardConfigError(
      "audit.signer",
      `The signing key ${file} is unusable: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
