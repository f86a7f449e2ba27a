import path from "node:path";

/** Decides whether a file path may be touched. Compile once per policy. */
export interface FsMatcher {
  readonly patterns: readonly string[];
  /** True when the normalised path equals or lies under an allowed pattern. */
  isAllowed(filePath: string): boolean;
}

/**
 * Compiles filesystem allowlist patterns. A pattern covers the path itself and everything under
 * it, on segment boundaries (`/data` covers `/data/x`, never `/data-evil`); `*` matches within one
 * segment and `**` across segments. Paths are normalised first (`file://` URLs decoded,
 * backslashes turned into slashes, relative paths resolved against `cwd`, `.` and `..`
 * collapsed), so `/data/../etc/passwd` is checked as `/etc/passwd`. Symbolic links are not
 * resolved (this is a static check on the arguments).
 *
 * @example
 * compileFsMatcher(["/tmp/sec0-*"]).isAllowed("/tmp/sec0-run/a.txt"); // true
 */
export function compileFsMatcher(patterns: readonly string[], cwd = "/"): FsMatcher {
  const regexes = patterns.map((pattern) => compilePattern(pattern, cwd));
  return {
    patterns: [...patterns],
    isAllowed(filePath) {
      const normalised = normalisePath(filePath, cwd);
      return normalised !== undefined && regexes.some((regex) => regex.test(normalised));
    },
  };
}

/**
 * Normalises a path argument to an absolute POSIX path, or `undefined` when it cannot be a path.
 * A drive path (`C:\\x`) is absolute (`/C:/x`), never relative to `cwd`; a home path (`~/x`,
 * `~alice/x`) keeps its `~` head, since the home directory is not known here, and is `undefined`
 * when `..` climbs above it.
 */
export function normalisePath(raw: string, cwd = "/"): string | undefined {
  if (raw.includes("\0")) return undefined;
  let value = raw;
  if (value.slice(0, 7).toLowerCase() === "file://") {
    try {
      value = decodeURIComponent(new URL(value).pathname);
    } catch {
      return undefined;
    }
  }
  value = value.replace(/\\/g, "/");
  if (value.startsWith("~")) return normaliseHomePath(value);
  if (/^[A-Za-z]:(?:\/|$)/.test(value)) value = `/${value}`;
  return path.posix.resolve(cwd.replace(/\\/g, "/"), value);
}

function normaliseHomePath(value: string): string | undefined {
  const slash = value.indexOf("/");
  const head = slash === -1 ? value : value.slice(0, slash);
  const rest = slash === -1 ? "" : value.slice(slash + 1);
  const segments: string[] = [];
  for (const segment of rest.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") segments.push(segment);
    else if (segments.pop() === undefined) return undefined;
  }
  return segments.length === 0 ? head : `${head}/${segments.join("/")}`;
}

function compilePattern(pattern: string, cwd: string): RegExp {
  const absolute = normalisePath(pattern.trim(), cwd) ?? pattern;
  const body = absolute
    .split(/(\*\*|\*)/)
    .map((piece) =>
      piece === "**" ? ".*" : piece === "*" ? "[^/]*" : piece.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  const prefix = body === "/" ? "/" : body;
  return new RegExp(prefix === "/" ? "^/.*$" : `^${prefix}(?:/.*)?$`, "s");
}
