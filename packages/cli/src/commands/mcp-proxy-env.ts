import { Sec0Error } from "@sec0/core";

/**
 * What `--clean-env` keeps: where programs are, who and where the user is, the locale, the
 * terminal and temp directories (plus what Windows needs to start a process). Nothing that
 * usually holds a secret.
 */
export const CLEAN_ENV_NAMES: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "TERM",
  "LANG",
  "LANGUAGE",
  "LC_*",
  "TZ",
  "TMPDIR",
  ...(process.platform === "win32"
    ? [
        "SYSTEMROOT",
        "SYSTEMDRIVE",
        "COMSPEC",
        "PATHEXT",
        "TEMP",
        "TMP",
        "USERPROFILE",
        "APPDATA",
        "LOCALAPPDATA",
      ]
    : []),
];

/** How the wrapped server's environment is chosen. */
export interface ChildEnvironmentChoice {
  /** The host's environment, which the proxy itself runs with. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Variables the proxy's own secrets come from (a key or token ref's `env://` name). */
  readonly secretNames: readonly string[];
  /** Only {@link CLEAN_ENV_NAMES} and `allow` pass (implied by a non-empty `allow`). */
  readonly cleanEnv?: boolean;
  /** Names (or `PREFIX_*`) added to the clean set. */
  readonly allow?: readonly string[];
  /** Names (or `PREFIX_*`) never passed. */
  readonly deny?: readonly string[];
}

/**
 * The environment of the MCP server behind `sec0 mcp proxy`: by default the host's, and in every
 * mode without any `SEC0_*` variable (the proxy's own configuration: runtime API keys, key
 * directories, a signing key) and without any variable a key or token ref names, whatever its name.
 *
 * @throws {Sec0Error} `MCP_PROXY_ENV_NAME_WITHHELD` when `allow` names a withheld variable.
 * @example
 * const env = buildChildEnvironment({ env: process.env, secretNames: ["AUDIT_KEY"], deny: ["AWS_*"] });
 */
export function buildChildEnvironment(choice: ChildEnvironmentChoice): Record<string, string> {
  const isWithheld = (name: string): boolean =>
    name.toUpperCase().startsWith("SEC0_") || choice.secretNames.includes(name);
  for (const pattern of choice.allow ?? []) {
    // An explicit ask for a withheld name is refused; a broader PREFIX_* just skips them.
    if (isWithheld(pattern.endsWith("*") ? pattern.slice(0, -1) : pattern)) {
      throw new Sec0Error(
        "MCP_PROXY_ENV_NAME_WITHHELD",
        `sec0 mcp proxy: --env-allow ${pattern} names a variable the wrapped server never gets: SEC0_* variables and the variable of the signing key or token ref stay with the proxy. Remove it; give the server its own credentials under another name.`,
        { details: { name: pattern } },
      );
    }
  }
  const isClean = choice.cleanEnv === true || (choice.allow ?? []).length > 0;
  const keep = [...CLEAN_ENV_NAMES, ...(choice.allow ?? [])];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(choice.env)) {
    if (value === undefined || isWithheld(name)) continue;
    if (isClean && !keep.some((pattern) => matches(pattern, name))) continue;
    if ((choice.deny ?? []).some((pattern) => matches(pattern, name))) continue;
    out[name] = value;
  }
  return out;
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}
