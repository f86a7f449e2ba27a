import type { MoltbotSkillsConfig, Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

const SEVERITIES = ["low", "medium", "high", "critical"];

/**
 * Checks `skills`; `undefined` when it is absent or not enabled.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the bad `skills.*` key.
 * @example
 * resolveSkillsConfig({ ...config, skills: { enabled: true, resolve: () => undefined } })?.enabled; // true
 */
export function resolveSkillsConfig(config: Sec0MoltbotConfig): MoltbotSkillsConfig | undefined {
  const skills = config.skills as unknown;
  if (skills === undefined || skills === false) return undefined;
  if (typeof skills !== "object" || skills === null) throw configInvalid("skills", "must be an object");
  const given = skills as Record<string, unknown>;
  if (typeof given.enabled !== "boolean")
    throw configInvalid("skills.enabled", "is required (true or false)");
  if (!given.enabled) return undefined;
  if (typeof given.resolve !== "function")
    throw configInvalid(
      "skills.resolve",
      "is required when skills.enabled: a function from a tool call to the skill it runs ({ ref, dir | content }) or undefined",
    );
  if (given.onScan !== undefined && typeof given.onScan !== "function")
    throw configInvalid("skills.onScan", "must be a function");
  const ttl = given.cacheTtlMs;
  if (ttl !== undefined && !(typeof ttl === "number" && Number.isFinite(ttl) && ttl >= 0))
    throw configInvalid("skills.cacheTtlMs", "must be a number of milliseconds (0 or more)");
  for (const key of ["scanOnChangeOnly", "blockOnChange"] as const) {
    if (given[key] !== undefined && typeof given[key] !== "boolean")
      throw configInvalid(`skills.${key}`, "must be true or false");
  }
  if (given.blockOnSeverity !== undefined && !SEVERITIES.includes(given.blockOnSeverity as string))
    throw configInvalid("skills.blockOnSeverity", 'must be "low", "medium", "high" or "critical"');
  return skills as MoltbotSkillsConfig;
}
