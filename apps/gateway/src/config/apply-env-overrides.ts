/** Environment variable → the config key it overrides (`REDIS_URL` is read by `loadConfig` itself). */
export const ENV_OVERRIDES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  PORT: ["server", "port"],
  HOST: ["server", "host"],
  SEC0_GATEWAY_TENANT: ["tenant"],
  LOG_LEVEL: ["log_level"],
  SEC0_AUDIT_DIR: ["audit", "dir"],
  SEC0_SIGNING_KEY_REF: ["audit", "key_ref"],
  SEC0_AUDIT_SIGNING: ["audit", "signing"],
});

/** The config with the environment applied, and which key paths the environment set. */
export interface OverriddenConfig {
  readonly data: unknown;
  /** Dotted key path → the variable that set it, so an error can name `env PORT`, not the file. */
  readonly fromEnv: ReadonlyMap<string, string>;
}

/**
 * Applies the {@link ENV_OVERRIDES} that are set and non-empty on top of the parsed file (a
 * variable wins over the file). `PORT` made only of digits becomes a number; anything else is
 * left as written for the schema to refuse.
 */
export function applyEnvOverrides(
  data: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): OverriddenConfig {
  const root = structuredClone(data) as Record<string, unknown>;
  const fromEnv = new Map<string, string>();
  for (const [name, path] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") continue;
    const value: unknown = name === "PORT" && /^\d+$/.test(raw) ? Number(raw) : raw;
    setIn(root, path, value);
    fromEnv.set(path.join("."), name);
  }
  return { data: root, fromEnv };
}

function setIn(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isRecord(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
