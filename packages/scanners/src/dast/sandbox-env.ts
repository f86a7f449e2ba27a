/** Names that never reach a sandboxed process: sec0's own settings and anything that looks like a secret. */
const WITHHELD =
  /^SEC0_|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|COOKIE|SESSION/i;

/** True when `name` is withheld from a sandboxed process. */
export function isWithheldEnvName(name: string): boolean {
  return WITHHELD.test(name) || name === "NODE_OPTIONS";
}

/**
 * The whole environment of a sandboxed process: PATH, LANG, HOME and TMPDIR (the temp dir), plus
 * the caller's `extra` without any withheld name. Nothing is inherited from this process but PATH.
 */
export function sandboxEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "C.UTF-8",
    HOME: dir,
    TMPDIR: dir,
  };
  for (const [name, value] of Object.entries(extra)) {
    if (!isWithheldEnvName(name) && !(name in env)) env[name] = value;
  }
  return env;
}
