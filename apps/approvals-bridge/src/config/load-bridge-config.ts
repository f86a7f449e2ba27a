import { readFileSync } from "node:fs";
import path from "node:path";
import { Sec0Error } from "@sec0/core";
import { parse as parseYaml } from "yaml";
import { type BridgeConfig, BridgeConfigSchema } from "./bridge-config-schema.js";

/**
 * Loads the configuration: the file `SEC0_APPROVALS_BRIDGE_CONFIG` names (YAML or JSON), then
 * `SEC0_APPROVALS_BRIDGE_PORT`, `SEC0_APPROVALS_BRIDGE_HOST`, `REDIS_URL` and `LOG_LEVEL` over it;
 * validated as one.
 *
 * @throws {Sec0Error} `BRIDGE_CONFIG_INVALID` with the first bad key and why (never a value).
 */
export function loadBridgeConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): BridgeConfig {
  const name = env.SEC0_APPROVALS_BRIDGE_CONFIG;
  if (name === undefined || name.trim() === "") {
    throw new Sec0Error(
      "BRIDGE_CONFIG_INVALID",
      "SEC0_APPROVALS_BRIDGE_CONFIG must name the bridge's configuration file (YAML or JSON).",
      { details: { field: "SEC0_APPROVALS_BRIDGE_CONFIG" } },
    );
  }
  const file = path.resolve(cwd, name);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Sec0Error("BRIDGE_CONFIG_INVALID", `${file}: ${(error as Error).message}`, {
      details: { field: "SEC0_APPROVALS_BRIDGE_CONFIG" },
    });
  }
  return parseBridgeConfig(withEnv(raw, env), file);
}

/**
 * Validates a configuration object.
 *
 * @throws {Sec0Error} `BRIDGE_CONFIG_INVALID` naming the first bad key (`details.field`).
 */
export function parseBridgeConfig(value: unknown, origin = "config"): BridgeConfig {
  const parsed = BridgeConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const field = keys.map(String).join(".") || "(root)";
  const message =
    issue.code === "unrecognized_keys" ? "unknown key" : issue.message.replace(/^Invalid input: /, "");
  throw new Sec0Error("BRIDGE_CONFIG_INVALID", `${origin}: ${field}: ${message}.`, { details: { field } });
}

function withEnv(raw: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (env.SEC0_APPROVALS_BRIDGE_PORT !== undefined) out.port = Number(env.SEC0_APPROVALS_BRIDGE_PORT);
  if (env.SEC0_APPROVALS_BRIDGE_HOST !== undefined) out.host = env.SEC0_APPROVALS_BRIDGE_HOST;
  if (env.REDIS_URL !== undefined) out.redis_url = env.REDIS_URL;
  if (env.LOG_LEVEL !== undefined) out.log_level = env.LOG_LEVEL;
  return out;
}
