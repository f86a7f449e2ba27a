import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { basename, delimiter, isAbsolute, join } from "node:path";
import type { ScannersErrorCode } from "../errors.js";

/** A resolved binary, or why it may not (or cannot) run. */
export type ResolvedBinary =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly code: ScannersErrorCode; readonly message: string };

/**
 * Resolves `bin` against an allow-list. A bare name (`semgrep`) must be in `allowedBins` and is
 * looked up on `searchPath` (a PATH value); an absolute path must itself be in `allowedBins`
 * (a same-named binary elsewhere is refused). Relative paths are refused. Nothing is executed.
 */
export async function resolveBinary(
  bin: string,
  allowedBins: readonly string[],
  searchPath: string | undefined,
): Promise<ResolvedBinary> {
  const bare = !bin.includes("/") && !bin.includes("\\");
  if (!(bare || isAbsolute(bin)) || !allowedBins.includes(bin)) {
    return {
      ok: false,
      code: "SCANNERS_BINARY_NOT_ALLOWED",
      message: `binary ${JSON.stringify(bin)} is not in the allow-list [${allowedBins.join(", ")}]`,
    };
  }
  const candidates = bare
    ? (searchPath ?? "")
        .split(delimiter)
        .filter((d) => isAbsolute(d))
        .map((d) => join(d, bin))
    : [bin];
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return { ok: true, path: candidate };
  }
  return {
    ok: false,
    code: "SCANNERS_BINARY_NOT_FOUND",
    message: bare ? `${basename(bin)} not found on PATH` : `${bin} does not exist or is not executable`,
  };
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
