import { isAbsolute, resolve } from "node:path";
import { silentLogger } from "@sec0/core";
import type { KeyRefOptions, SignerWarning } from "./key-ref-options.js";

/** Real paths already reported through `process.emitWarning`: once per file per process. */
const emitted = new Set<string>();

/** Where the key file was found: as written, resolved against `cwd`, and after symlinks. */
export interface KeyFileLocation {
  readonly path: string;
  readonly absolute: string;
  readonly real: string;
}

/**
 * Reports a key file whose mode lets group or others read it, with the `chmod 600` that fixes it.
 * It goes to the caller's `logger` and `onWarning`; a caller that gave neither gets it as a
 * process warning (code `SIGNER_KEY_FILE_PERMISSIVE`), once per file, so an `openssl rand`-made
 * key under umask 022 is never silently accepted.
 */
export function warnPermissiveKeyFile(location: KeyFileLocation, mode: number, options: KeyRefOptions): void {
  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  const warning: SignerWarning = {
    code: "SIGNER_KEY_FILE_PERMISSIVE",
    message:
      `The signing key file ${location.path} has mode ${octal}, readable by group or others; ` +
      `run chmod 600 ${shellWord(chmodTarget(location))}.`,
    path: location.path,
    mode: octal,
  };
  if (options.logger === undefined && options.onWarning === undefined) {
    if (emitted.has(location.real)) return;
    emitted.add(location.real);
    process.emitWarning(warning.message, { code: warning.code });
    return;
  }
  (options.logger ?? silentLogger).warn(
    { code: warning.code, path: location.path, mode: octal },
    "signing key file is readable by group or others",
  );
  options.onWarning?.(warning);
}

/** The path as written when it works from the process's directory, else the absolute one. */
function chmodTarget(location: KeyFileLocation): string {
  if (isAbsolute(location.path) || resolve(location.path) === location.absolute) return location.path;
  return location.absolute;
}

function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
