import { readFileSync } from "node:fs";
import { isSec0Error, Sec0Error } from "@sec0/core";
import { describeIssue, type ParsedPolicy, parsePolicyYaml, validatePolicy } from "@sec0/policy";
import { applyMoltbotOverrides } from "./apply-moltbot-overrides.js";
import type { MoltbotControlPlaneSourceInput, Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

/** Where the hooks' policy comes from, as the config says. */
export type MoltbotPolicyChoice =
  | { readonly kind: "local"; readonly policy: ParsedPolicy }
  | { readonly kind: "control-plane"; readonly controlPlane: ControlPlaneChoice };

/** The control-plane source of 0.2.3's `controlPlaneSource` / `policyControlPlaneSource`. */
export interface ControlPlaneChoice {
  readonly level: "middleware" | "gateway";
  readonly scope: "base" | "agent" | "auto";
  readonly nodeId?: string;
  readonly refreshMs: number;
}

type Loaded = { readonly field: string; readonly load: () => ParsedPolicy };
const DEFAULT_REFRESH_MS = 30_000;

/**
 * Reads which policy a config names: a local path, YAML text or object (`policySourceConfig` or
 * 0.2.3's `policyPath` / `policyYaml` / `policyObject`), loaded and validated now with the
 * config's overrides applied; or the control plane (`source: "control-plane"`, or
 * `policyFromControlPlane`), fetched later.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the source key, with the policy
 *   package's error as `cause`.
 */
export function loadMoltbotPolicy(
  config: Sec0MoltbotConfig,
  resolvePath: (path: string) => string,
): MoltbotPolicyChoice {
  const source = selectSource(config, resolvePath);
  if ("controlPlane" in source) return { kind: "control-plane", controlPlane: source.controlPlane };
  let base: ParsedPolicy;
  try {
    base = source.load();
  } catch (error) {
    const why = isSec0Error(error) ? error.message : String(error);
    throw configInvalid(source.field, `the policy does not load: ${why}`, error);
  }
  return { kind: "local", policy: applyMoltbotOverrides(base, config) };
}

function selectSource(
  config: Sec0MoltbotConfig,
  resolvePath: (path: string) => string,
): Loaded | { readonly controlPlane: ControlPlaneChoice } {
  const legacy = (["policyPath", "policyYaml", "policyObject"] as const).filter(
    (key) => config[key] !== undefined,
  );
  const sc = config.policySourceConfig;
  if (config.policyFromControlPlane === true) {
    if (sc !== undefined || legacy.length > 0)
      throw configInvalid("policyFromControlPlane", "cannot be combined with another policy source");
    return { controlPlane: controlPlaneChoice(config.policyControlPlaneSource, config.policyRefreshMs) };
  }
  if (sc !== undefined && legacy.length > 0)
    throw configInvalid(legacy[0] as string, "cannot be combined with policySourceConfig: use one of them");
  if (sc === undefined) {
    if (legacy.length !== 1)
      throw configInvalid(
        "policySourceConfig",
        'must name exactly one policy: policySourceConfig: { source: "local", path | yaml | object }',
      );
    return fromLocal(
      legacy[0] as string,
      { path: config.policyPath, yaml: config.policyYaml, object: config.policyObject },
      resolvePath,
    );
  }
  if (sc.source === "control-plane")
    return { controlPlane: controlPlaneChoice(sc.controlPlaneSource, sc.refreshMs) };
  if (sc.source !== "local")
    throw configInvalid("policySourceConfig.source", 'must be "local" or "control-plane"');
  const keys = (["path", "yaml", "object"] as const).filter((key) => sc[key] !== undefined);
  if (keys.length !== 1)
    throw configInvalid("policySourceConfig", "must set exactly one of path, yaml, object");
  return fromLocal(`policySourceConfig.${keys[0]}`, sc, resolvePath);
}

function controlPlaneChoice(
  raw: MoltbotControlPlaneSourceInput | undefined,
  refreshMs: number | undefined,
): ControlPlaneChoice {
  const field = "policySourceConfig.controlPlaneSource";
  const level = raw?.level ?? "middleware";
  if (level !== "middleware" && level !== "gateway")
    throw configInvalid(`${field}.level`, 'must be "middleware" or "gateway"');
  const scope = raw?.scope ?? "base";
  if (scope !== "base" && scope !== "agent" && scope !== "auto")
    throw configInvalid(`${field}.scope`, 'must be "base", "agent" or "auto"');
  if (scope === "agent" && (typeof raw?.nodeId !== "string" || raw.nodeId === ""))
    throw configInvalid(`${field}.nodeId`, 'is required with scope "agent"');
  const refresh = refreshMs ?? raw?.refreshTtlMs ?? DEFAULT_REFRESH_MS;
  if (!(Number.isFinite(refresh) && refresh > 0))
    throw configInvalid("policySourceConfig.refreshMs", "must be a positive number of milliseconds");
  return { level, scope, ...(raw?.nodeId === undefined ? {} : { nodeId: raw.nodeId }), refreshMs: refresh };
}

function fromLocal(
  field: string,
  source: {
    readonly path?: string | undefined;
    readonly yaml?: string | undefined;
    readonly object?: unknown;
  },
  resolvePath: (path: string) => string,
): Loaded {
  if (source.path !== undefined) {
    const path = source.path;
    if (typeof path !== "string" || path === "") throw configInvalid(field, "must be a file path");
    return { field, load: () => parsePolicyYaml(readFileSync(resolvePath(path), "utf8")) };
  }
  if (source.yaml !== undefined) {
    const yaml = source.yaml;
    if (typeof yaml !== "string") throw configInvalid(field, "must be YAML text");
    return { field, load: () => parsePolicyYaml(yaml) };
  }
  return {
    field,
    load: () => {
      const result = validatePolicy(source.object);
      if (result.valid && result.policy !== undefined) return result.policy;
      throw new Sec0Error("SDK_OPENCLAW_CONFIG_INVALID", result.errors.map(describeIssue).join("; "), {
        details: { field },
      });
    },
  };
}
