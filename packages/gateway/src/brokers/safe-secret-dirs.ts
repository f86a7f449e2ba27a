import { isAbsolute, relative, resolve, sep } from "node:path";
import { isInSafeKeyDir } from "@sec0/signer";

/** Directories (relative to the working directory) broker secret files may live in by default. */
export const DEFAULT_BROKER_SECRET_DIRS: readonly string[] = [".sec0/secrets", "secrets", "config/secrets"];

/** The environment variable whose comma list replaces {@link DEFAULT_BROKER_SECRET_DIRS}. */
export const BROKER_SECRET_DIRS_ENV = "SEC0_BROKER_SECRET_DIRS";

/**
 * The absolute safe secret directories: `SEC0_BROKER_SECRET_DIRS` (comma list, relative entries
 * against `cwd`) when set and non-empty, else {@link DEFAULT_BROKER_SECRET_DIRS}.
 *
 * @example
 * resolveBrokerSecretDirs({ cwd: "/app", env: {} })[0]; // "/app/.sec0/secrets"
 */
export function resolveBrokerSecretDirs(options: {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}): string[] {
  const configured = (options.env[BROKER_SECRET_DIRS_ENV] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return (configured.length > 0 ? configured : DEFAULT_BROKER_SECRET_DIRS).map((dir) =>
    resolve(options.cwd, dir),
  );
}

/**
 * True when the lexically resolved path lies strictly inside one of `dirs` as written, or inside
 * one of them once the directory's own links are followed (`isInSafeKeyDir` of `@sec0/signer`).
 * Touches only the directories, never the secret path.
 */
export function isLexicallyInSecretDir(absolutePath: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => isInside(dir, absolutePath)) || isInSafeKeyDir(absolutePath, dirs);
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
