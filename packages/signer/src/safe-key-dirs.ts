import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Sec0Error } from "@sec0/core";

/** Directories (relative to the working directory) where key files may live by default, as 0.2.3. */
export const DEFAULT_SAFE_KEY_DIRS: readonly string[] = [
  ".sec0/keys",
  "keys",
  "config/keys",
  ".sec0/secrets",
  "secrets",
];

/** The environment variable whose comma list replaces {@link DEFAULT_SAFE_KEY_DIRS}. */
export const SAFE_KEY_DIRS_ENV = "SEC0_SIGNER_KEY_DIRS";

/**
 * The absolute safe key directories: `SEC0_SIGNER_KEY_DIRS` (comma list, relative entries
 * against `cwd`) when set and non-empty, else {@link DEFAULT_SAFE_KEY_DIRS} under `cwd`.
 *
 * @example
 * resolveSafeKeyDirs({ cwd: "/app", env: {} })[0]; // "/app/.sec0/keys"
 */
export function resolveSafeKeyDirs(options: {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}): string[] {
  const configured = (options.env[SAFE_KEY_DIRS_ENV] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const dirs = configured.length > 0 ? configured : DEFAULT_SAFE_KEY_DIRS;
  return dirs.map((dir) => resolve(options.cwd, dir));
}

/**
 * Checks that a key path lies inside one of `dirs` without revealing anything about files outside
 * them. Call it twice: with the lexically resolved path (`path.resolve`, `..` collapsed) before the
 * filesystem is touched, then with the real path after `fs.realpathSync`. Both failures carry the
 * same message and details, built from the lexical path only, so a missing and an existing file
 * outside the directories (or a symlink out of one) cannot be told apart. For a path that does
 * not exist, call it with `realpathOfExisting(path)` and stage `missing` before saying "not
 * found", so a missing file under a directory linked out of a safe one fails as outside too.
 *
 * @throws {Sec0Error} `SIGNER_KEY_OUTSIDE_SAFE_DIRS` listing the directories.
 */
export function assertInSafeKeyDir(
  checkedPath: string,
  dirs: readonly string[],
  shown: { readonly path: string; readonly lexical: string },
  stage: "lexical" | "real" | "missing",
): void {
  const inside =
    stage === "lexical"
      ? isLexicallyInSafeKeyDir(checkedPath, dirs)
      : stage === "real"
        ? isInSafeKeyDir(checkedPath, dirs)
        : dirs.some((dir) => isInside(realpathOfExisting(dir), checkedPath));
  if (inside) return;
  throw new Sec0Error(
    "SIGNER_KEY_OUTSIDE_SAFE_DIRS",
    `The key file ${shown.path} (resolved to ${shown.lexical}) is outside the safe key directories, ` +
      `or links out of them: ${dirs.join(", ")}. Move the key into one of them, or set ${SAFE_KEY_DIRS_ENV} ` +
      "to a comma list of directories (it replaces the defaults).",
    { details: { path: shown.path, resolvedPath: shown.lexical, safeDirs: [...dirs] } },
  );
}

/**
 * True when the lexically resolved `absolutePath` lies inside one of `dirs` as written or as
 * resolved through `fs.realpathSync` (a safe directory may itself be a link). Touches only the
 * safe directories, never the key path.
 */
export function isLexicallyInSafeKeyDir(absolutePath: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => {
    if (isInside(dir, absolutePath)) return true;
    const realDir = realpathOrUndefined(dir);
    return realDir !== undefined && isInside(realDir, absolutePath);
  });
}

/**
 * True when `realKeyPath` (already real) lies inside one of `dirs` after resolving each through
 * `fs.realpathSync`; directories that do not exist contain nothing.
 *
 * @example
 * isInSafeKeyDir(realpathSync(".sec0/keys/ed25519.key"), resolveSafeKeyDirs({ cwd, env })); // true
 */
export function isInSafeKeyDir(realKeyPath: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => {
    const realDir = realpathOrUndefined(dir);
    return realDir !== undefined && isInside(realDir, realKeyPath);
  });
}

/** True when `path` lies strictly inside `dir` (both absolute and normalised). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * `path` (absolute) with its longest existing prefix replaced by that prefix's real path: where a
 * path that does not exist would be, once the links on its way are followed.
 */
export function realpathOfExisting(path: string): string {
  for (let prefix = path; ; prefix = dirname(prefix)) {
    const real = realpathOrUndefined(prefix);
    if (real !== undefined) return join(real, relative(prefix, path));
    if (dirname(prefix) === prefix) return path;
  }
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined; // a safe directory that does not exist contains nothing
  }
}
