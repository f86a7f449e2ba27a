import { formatToolRef, normalizeNodeId } from "@sec0/core";
import { type ConfigSource, configInvalid } from "./config-error.js";
import type { HopEntry } from "./hop-entry-schema.js";
import type { Sec0HopConfig, Sec0HopEnforcement } from "./sec0-app-profile.js";

/** What a hop inherits from the rest of the config. */
export interface HopDefaults {
  readonly source: ConfigSource;
  readonly tenant: string;
  readonly client: { readonly name: string; readonly version?: string };
  readonly svcToken?: string;
  /** `gatewayBaseUrl` of the app's orchestrator hops (0.2.3 fallback of gateway hops). */
  readonly orchestratorGatewayUrls: readonly string[];
}

/**
 * Builds the resolved hop for one `app.hops` entry: identity fields by hop type, enforcement
 * defaults (mode enforce, strategy deny_on_match, denyOn [], escalateOn []), gateway defaults.
 * @throws {import("@sec0/core").Sec0Error} `INSTRUMENTATION_CONFIG_INVALID` for a node id that is not normalised or a
 * gateway hop with no gatewayBaseUrl.
 * @example
 * buildHopConfig("OrderAgent.run", entry, defaults).identity; // { agent: "order-agent@1.0.0" }
 */
export function buildHopConfig(key: string, entry: HopEntry, defaults: HopDefaults): Sec0HopConfig {
  const at = (field: string) => ["app", "hops", key, field];
  checkNodeId(entry.nodeId, defaults.source, at("nodeId"));
  const base = {
    key,
    type: entry.type,
    nodeId: entry.nodeId,
    enforcement: buildEnforcement(entry),
    automation: { ...entry.automation },
    propagateTo: Object.freeze([...new Set(entry.propagateTo ?? [])]),
    ...(entry.remoteUrl === undefined ? {} : { remoteUrl: entry.remoteUrl }),
  };
  switch (entry.type) {
    case "agent":
      return { ...base, identity: { agent: `${entry.agentName}@${entry.agentVersion}` } };
    case "orchestrator": {
      const name = entry.orchestratorName ?? defaults.client.name;
      const version = entry.orchestratorVersion ?? defaults.client.version;
      return {
        ...base,
        identity: { agent_orchestrator: version === undefined ? name : `${name}@${version}` },
        ...(entry.gatewayBaseUrl === undefined ? {} : { gatewayBaseUrl: entry.gatewayBaseUrl }),
      };
    }
    case "gateway": {
      const authHeader =
        entry.authHeader ?? (defaults.svcToken === undefined ? undefined : `Bearer ${defaults.svcToken}`);
      return {
        ...base,
        identity: { gateway: entry.gateway },
        gatewayBaseUrl: gatewayUrl(entry.gatewayBaseUrl, defaults, at("gatewayBaseUrl")),
        tenant: entry.tenant ?? defaults.tenant,
        ...(authHeader === undefined ? {} : { authHeader }),
      };
    }
    case "server":
      return { ...base, identity: { server: entry.server } };
    case "middleware":
      return { ...base, identity: { middleware: entry.middleware, op: entry.op } };
    case "tool":
      return {
        ...base,
        identity: { server: entry.server, tool: entry.tool, tool_ref: entry.toolRef ?? toolRef(entry) },
      };
    case "skill":
      return {
        ...base,
        identity: { skill: entry.skill, skill_ref: entry.skillRef ?? entry.skill },
        ...(entry.source === undefined ? {} : { source: entry.source }),
      };
  }
}

function buildEnforcement(entry: HopEntry): Sec0HopEnforcement {
  const given = entry.enforcement ?? {};
  const enabled = given.enabled ?? true;
  const policy = {
    ...(given.policyLevel === undefined ? {} : { level: given.policyLevel }),
    ...(given.policyScope === undefined ? {} : { scope: given.policyScope }),
    ...(given.policyNodeId === undefined ? {} : { nodeId: given.policyNodeId }),
    ...(given.refreshTtlMs === undefined ? {} : { refreshTtlMs: given.refreshTtlMs }),
    ...(given.fallbackToBase === undefined ? {} : { fallbackToBase: given.fallbackToBase }),
  };
  return {
    enabled,
    mode: enabled ? (given.mode ?? "enforce") : "observe",
    strategy: given.strategy ?? "deny_on_match",
    denyOn: Object.freeze([...(given.denyOn ?? [])]),
    escalateOn: Object.freeze([...(given.escalateOn ?? [])]),
    policy,
    overrides: { denyOn: given.denyOn !== undefined, escalateOn: given.escalateOn !== undefined },
  };
}

function checkNodeId(nodeId: string, source: ConfigSource, path: string[]): void {
  let normalized: string | undefined;
  try {
    normalized = normalizeNodeId(nodeId);
  } catch {
    normalized = undefined;
  }
  if (normalized !== nodeId) {
    const hint = normalized === undefined ? "use lower-case letters, digits and -" : `write "${normalized}"`;
    throw configInvalid(
      source,
      path,
      `"${nodeId}" is not a node id as sent in x-node-id (lower-case a-z, 0-9 and -, at most 80); ${hint}`,
    );
  }
}

function gatewayUrl(own: string | undefined, defaults: HopDefaults, path: string[]): string {
  if (own !== undefined) return own;
  const inherited = [...new Set(defaults.orchestratorGatewayUrls)];
  if (inherited.length === 1) return inherited[0]!;
  const why =
    inherited.length === 0
      ? "is required for a gateway hop (or set gatewayBaseUrl on the orchestrator hop), e.g. http://127.0.0.1:8088"
      : "is required: the orchestrator hops name different gateway URLs, so say which one this hop uses";
  throw configInvalid(defaults.source, path, why);
}

function toolRef(entry: { readonly server: string; readonly tool: string }): string {
  const at = entry.tool.lastIndexOf("@");
  const tool = at > 0 ? entry.tool.slice(0, at) : entry.tool;
  const version = at > 0 ? entry.tool.slice(at + 1) : undefined;
  return formatToolRef({ server: entry.server, tool, ...(version ? { version } : {}) });
}
