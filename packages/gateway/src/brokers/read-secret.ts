import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { isInSafeKeyDir } from "@sec0/signer";
import { brokerUnavailable } from "./broker-failure.js";
import { isLexicallyInSecretDir, resolveBrokerSecretDirs } from "./safe-secret-dirs.js";
import type { SecretRef } from "./secret-ref.js";

/** A vendor key or client secret is far smaller; a larger file is not a secret file. */
const MAX_SECRET_FILE_BYTES = 65_536;
/** Printable ASCII plus tab: what may go into an HTTP header or a form field. */
const SECRET_TEXT = /^[\x20-\x7e\t]+$/;

/** Where `readSecret` looks. */
export interface SecretSource {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The trimmed value a secret ref points at, read on every call so a rotated secret is used at
 * once. A file must lie in the safe secret directories after following links; the refusal is the
 * same, built from the lexical path, whether or not the file exists.
 *
 * @throws {Sec0Error} `GATEWAY_BROKER_UNAVAILABLE` with reason `secret_missing`,
 * `secret_unreadable`, `secret_outside_safe_dirs` or `secret_invalid`.
 */
export function readSecret(server: string, ref: SecretRef, source: SecretSource): string {
  const raw = ref.scheme === "env" ? source.env[ref.name] : readSecretFile(server, ref, source);
  const value = raw?.trim() ?? "";
  if (value === "")
    throw brokerUnavailable(server, "secret_missing", `${ref.shown} is unset or empty.`, { ref: ref.shown });
  if (!SECRET_TEXT.test(value)) {
    throw brokerUnavailable(
      server,
      "secret_invalid",
      `${ref.shown} holds characters a header cannot carry.`,
      {
        ref: ref.shown,
      },
    );
  }
  return value;
}

function readSecretFile(
  server: string,
  ref: SecretRef & { scheme: "file" },
  source: SecretSource,
): string | undefined {
  const absolute = resolve(source.cwd, ref.path);
  const dirs = resolveBrokerSecretDirs(source);
  const outside = () =>
    brokerUnavailable(
      server,
      "secret_outside_safe_dirs",
      `${ref.shown} (resolved to ${absolute}) is outside the safe secret directories or links out of them: ${dirs.join(", ")}. Move it into one, or set SEC0_BROKER_SECRET_DIRS.`,
      { ref: ref.shown },
    );
  if (!isLexicallyInSecretDir(absolute, dirs)) throw outside();
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    if (!isInSafeKeyDir(realpathOfExisting(absolute), dirs)) throw outside();
    return undefined; // missing inside a safe directory: reported as secret_missing
  }
  if (!isInSafeKeyDir(real, dirs)) throw outside();
  return readRegularFile(server, ref.shown, real);
}

function readRegularFile(server: string, shown: string, real: string): string {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    throw brokerUnavailable(server, "secret_unreadable", `${shown} cannot be opened.`, { ref: shown });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SECRET_FILE_BYTES) {
      throw brokerUnavailable(server, "secret_unreadable", `${shown} is not a regular file under 64 KiB.`, {
        ref: shown,
      });
    }
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** `path` with its longest existing prefix replaced by that prefix's real path. */
function realpathOfExisting(path: string): string {
  for (let prefix = path; ; prefix = dirname(prefix)) {
    try {
      return join(realpathSync(prefix), relative(prefix, path));
    } catch {
      if (dirname(prefix) === prefix) return path;
    }
  }
}
