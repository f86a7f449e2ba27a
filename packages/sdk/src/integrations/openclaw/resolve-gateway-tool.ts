import type { MoltbotGatewayToolDefaults, Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

/** The gateway tool's settings with defaults applied. */
export interface ResolvedGatewayTool {
  readonly name: string;
  readonly description: string;
  readonly defaults: MoltbotGatewayToolDefaults & { readonly gatewayBaseUrl: string };
  readonly ap2Auto: boolean;
}

/** 0.2.3's tool name. */
export const DEFAULT_GATEWAY_TOOL_NAME = "sec0.call_gateway";
const DEFAULT_DESCRIPTION =
  "Call a tool on a server behind the sec0 gateway, which checks policy (and the AP2 mandates) before the call runs.";

/**
 * Checks `gatewayTool` and applies its defaults; `undefined` when it is absent or not enabled.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the bad `gatewayTool.*` key.
 * @example
 * resolveGatewayTool({ ...config, gatewayTool: { enabled: true, defaults: { gatewayBaseUrl: "http://127.0.0.1:8088" } } })?.name; // "sec0.call_gateway"
 */
export function resolveGatewayTool(config: Sec0MoltbotConfig): ResolvedGatewayTool | undefined {
  const tool = config.gatewayTool as unknown;
  if (tool === undefined || tool === false) return undefined;
  if (typeof tool !== "object" || tool === null) throw configInvalid("gatewayTool", "must be an object");
  const { enabled, name, description, defaults, ap2Auto } = tool as Record<string, unknown>;
  if (typeof enabled !== "boolean") throw configInvalid("gatewayTool.enabled", "is required (true or false)");
  if (!enabled) return undefined;
  if (name !== undefined && (typeof name !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(name)))
    throw configInvalid("gatewayTool.name", "must be 1-64 letters, digits, '.', '_' or '-'");
  if (description !== undefined && (typeof description !== "string" || description.trim() === ""))
    throw configInvalid("gatewayTool.description", "must be a non-empty string");
  if (ap2Auto !== undefined && typeof ap2Auto !== "boolean")
    throw configInvalid("gatewayTool.ap2Auto", "must be true or false");
  return {
    name: (name as string | undefined) ?? DEFAULT_GATEWAY_TOOL_NAME,
    description: (description as string | undefined) ?? DEFAULT_DESCRIPTION,
    defaults: checkDefaults(defaults),
    ap2Auto: (ap2Auto as boolean | undefined) ?? true,
  };
}

function checkDefaults(defaults: unknown): ResolvedGatewayTool["defaults"] {
  if (typeof defaults !== "object" || defaults === null)
    throw configInvalid(
      "gatewayTool.defaults",
      'is required when gatewayTool.enabled, with a gatewayBaseUrl (e.g. { gatewayBaseUrl: "https://gateway.example.com" })',
    );
  const given = defaults as Record<string, unknown>;
  const url = given.gatewayBaseUrl;
  if (typeof url !== "string" || !isHttpUrl(url))
    throw configInvalid("gatewayTool.defaults.gatewayBaseUrl", "must be an http or https URL");
  for (const key of ["server", "toolAtVersion", "tenant", "authHeader"] as const) {
    const value = given[key];
    if (value !== undefined && (typeof value !== "string" || value === ""))
      throw configInvalid(`gatewayTool.defaults.${key}`, "must be a non-empty string");
  }
  const timeoutMs = given.timeoutMs;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) > 0))
    throw configInvalid("gatewayTool.defaults.timeoutMs", "must be a positive whole number of milliseconds");
  return given as unknown as ResolvedGatewayTool["defaults"];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
