import { Sec0Error } from "@sec0/core";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Merges an agent-scoped (nodeId) policy document over the base document, JSON Merge Patch
 * style (RFC 7386, see docs/adr/0002-policy-scope-merge.md): mappings merge key by key, scalars
 * and lists in the agent document replace the base value, `null` removes a key. The agent
 * document may not change `tenant`. Validate the result, not the parts.
 *
 * @throws {Sec0Error} `POLICY_SCOPE_CONFLICT` when the agent document names another tenant.
 * @example
 * mergePolicyScopes({ tenant: "t", tools: { allowlist: ["*"] } }, { tools: { allowlist: ["mcp://db/*"] } });
 */
export function mergePolicyScopes(base: unknown, agent: unknown): unknown {
  if (agent === undefined || agent === null) return base;
  const baseTenant = (base as { tenant?: unknown } | null)?.tenant;
  const agentTenant = (agent as { tenant?: unknown }).tenant;
  if (agentTenant !== undefined && baseTenant !== undefined && agentTenant !== baseTenant) {
    throw new Sec0Error(
      "POLICY_SCOPE_CONFLICT",
      `The agent policy names tenant "${String(agentTenant)}" but the base policy is for "${String(baseTenant)}"; remove tenant from the agent policy.`,
      { details: { baseTenant: String(baseTenant), agentTenant: String(agentTenant) } },
    );
  }
  return mergePatch(base as Json, agent as Json);
}

function mergePatch(target: Json, patch: Json): Json {
  if (!isMapping(patch)) return patch;
  const out: { [key: string]: Json } = isMapping(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

function isMapping(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
