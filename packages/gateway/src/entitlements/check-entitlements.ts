import { type Allowlist, compileAllowlist, type ToolRef } from "@sec0/core";
import type { Policy } from "@sec0/policy";
import type { Principal } from "../auth/principal.js";

type Entitlements = NonNullable<Policy["entitlements"]>;
type TenantEntitlements = NonNullable<Entitlements["tenants"]>[string];
type Limit = { rate_per_sec?: number; rate_per_minute?: number; calls_per_day?: number };

/** Limits that apply to one call: a per-second rate and a daily count, each optional. */
export interface CallLimits {
  readonly ratePerSec?: number;
  readonly perDay?: number;
}

/** What the entitlements say of one call. */
export interface EntitlementVerdict {
  /** `tool_in_denylist` or `tool_not_in_allowlist`, decided by the policy like any reason. */
  readonly reasons: readonly string[];
  /** The entry that denied or allowed, for the refusal's message. */
  readonly entry?: string;
  /** The tenant's limits for this tool (per tool first, then the plan). */
  readonly limits: CallLimits;
}

/** Compiled entitlements: compile once per policy, check every call. */
export interface EntitlementChecker {
  check(principal: Principal, ref: ToolRef, toolRef: string, nodeId: string | undefined): EntitlementVerdict;
}

const NONE: EntitlementVerdict = Object.freeze({ reasons: [], limits: {} });

/**
 * Compiles the `entitlements` section (0.2.3's model): patterns of the tenant plus those of every
 * principal that matches the caller (user, user id, agent, agent node, each role; exact key first,
 * then case-insensitive), deny patterns before allow patterns, and limits per tool then per plan.
 * An unknown tenant gets the default plan and no allowed tool. Without the section nothing is
 * checked. Patterns use the one allowlist matcher every surface shares.
 */
export function compileEntitlements(entitlements: Entitlements | undefined): EntitlementChecker {
  if (entitlements === undefined) return { check: () => NONE };
  const cache = new Map<string, Allowlist>();
  const compiled = (patterns: readonly string[]): Allowlist => {
    const key = patterns.join("\n");
    let list = cache.get(key);
    if (list === undefined) {
      list = compileAllowlist(patterns);
      if (cache.size < 1024) cache.set(key, list);
    }
    return list;
  };
  return {
    check(principal, ref, toolRef, nodeId) {
      const tenant = entitlements.tenants?.[principal.tenant];
      const { allow, deny } = collectPatterns(tenant, principal, nodeId);
      const limits = limitsFor(entitlements, tenant, toolRef, compiled);
      const denied = deny.length > 0 ? compiled(deny).match(ref) : { matched: false as const };
      if (denied.matched) return { reasons: ["tool_in_denylist"], entry: denied.entry, limits };
      const allowed = allow.length > 0 ? compiled(allow).match(ref) : { matched: false as const };
      if (!allowed.matched) return { reasons: ["tool_not_in_allowlist"], limits };
      return { reasons: [], entry: allowed.entry, limits };
    },
  };
}

function collectPatterns(
  tenant: TenantEntitlements | undefined,
  principal: Principal,
  nodeId: string | undefined,
): { allow: string[]; deny: string[] } {
  const allow = [...(tenant?.allowlist ?? [])];
  const deny = [...(tenant?.denylist ?? [])];
  if (tenant === undefined) return { allow, deny };
  const add = (
    rules: Record<string, { allowlist?: string[]; denylist?: string[] }> | undefined,
    key?: string,
  ) => {
    if (rules === undefined || key === undefined) return;
    const entry = rules[key] ?? caseInsensitive(rules, key);
    if (entry === undefined) return;
    allow.push(...(entry.allowlist ?? []));
    deny.push(...(entry.denylist ?? []));
  };
  add(tenant.users, principal.user);
  add(tenant.user_ids, principal.userId);
  add(tenant.agents, principal.clientId);
  add(tenant.agent_nodes, nodeId);
  for (const role of principal.roles) add(tenant.roles, role);
  return { allow, deny };
}

function caseInsensitive<T>(rules: Record<string, T>, key: string): T | undefined {
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(rules)) if (name.toLowerCase() === lower) return value;
  return undefined;
}

function limitsFor(
  entitlements: Entitlements,
  tenant: TenantEntitlements | undefined,
  toolRef: string,
  compiled: (patterns: readonly string[]) => Allowlist,
): CallLimits {
  const plan = entitlements.plans?.[tenant?.plan ?? entitlements.default_plan ?? ""] as Limit | undefined;
  const perTool = perToolLimit(tenant?.per_tool as Record<string, Limit> | undefined, toolRef, compiled);
  const ratePerSec = rate(perTool) ?? rate(plan);
  const perDay = perTool?.calls_per_day ?? plan?.calls_per_day;
  return {
    ...(ratePerSec === undefined ? {} : { ratePerSec }),
    ...(perDay === undefined ? {} : { perDay }),
  };
}

function rate(limit: Limit | undefined): number | undefined {
  if (limit?.rate_per_sec !== undefined) return limit.rate_per_sec;
  return limit?.rate_per_minute === undefined ? undefined : limit.rate_per_minute / 60;
}

function perToolLimit(
  perTool: Record<string, Limit> | undefined,
  toolRef: string,
  compiled: (patterns: readonly string[]) => Allowlist,
): Limit | undefined {
  if (perTool === undefined) return undefined;
  const exact = perTool[toolRef];
  if (exact !== undefined) return exact;
  for (const [pattern, limit] of Object.entries(perTool)) {
    if (compiled([pattern]).match(toolRef).matched) return limit;
  }
  return undefined;
}
