import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { httpError } from "../errors.js";
import { type ControlPlaneConfig, controlPlaneConfigSchema, ENV_OVERRIDES } from "./config-schema.js";

const NUMERIC: ReadonlySet<string> = new Set([
  "port",
  "body_limit_bytes",
  "expiry_sweep_ms",
  "shutdown_timeout_ms",
]);

/**
 * Loads the configuration: the file named by `SEC0_CONTROL_PLANE_CONFIG` (if any), then the
 * environment overrides, validated as one object.
 *
 * @throws {Sec0Error} `CP_CONFIG_INVALID` naming the file, the key and what is wrong.
 * @example
 * const config = loadConfig(process.env, process.cwd());
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): ControlPlaneConfig {
  const file = env.SEC0_CONTROL_PLANE_CONFIG;
  const raw: Record<string, unknown> =
    file === undefined || file === "" ? {} : readConfigFile(resolve(cwd, file));
  for (const [variable, key] of Object.entries(ENV_OVERRIDES)) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    raw[key] = NUMERIC.has(key) ? Number(value) : value;
  }
  const parsed = controlPlaneConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") ?? "";
    const variable = Object.entries(ENV_OVERRIDES).find(([, name]) => name === key)?.[0];
    throw httpError(
      "CP_CONFIG_INVALID",
      `Invalid control plane config: ${key === "" ? "" : `${key}${variable === undefined ? "" : ` (or ${variable})`}: `}${issue?.message ?? "invalid"}.`,
      { key },
    );
  }
  return parsed.data;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw httpError("CP_CONFIG_INVALID", `Cannot read the config file ${path}: ${(error as Error).message}.`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw httpError(
      "CP_CONFIG_INVALID",
      `The config file ${path} is not valid YAML: ${(error as Error).message}`,
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw httpError("CP_CONFIG_INVALID", `The config file ${path} must hold a mapping of keys.`);
  }
  return { ...(value as Record<string, unknown>) };
}
