import type { QuotaRule } from "@sec0/core";
import { compileAllowlist } from "@sec0/core";
import type { Policy } from "@sec0/policy";
import type { CallLimits } from "../entitlements/check-entitlements.js";

type Quotas = NonNullable<Policy["quotas"]>;
type Quota = { rate_per_minute?: number; daily?: number };

/** The quota rules of one call, for a tenant, a tool and its entitlement limits. */
export type QuotaRulesFor = (tenant: string, toolRef: string, limits: CallLimits) => QuotaRule[];

/**
 * Compiles the policy's `quotas` once (the per-tool patterns with the shared allowlist matcher):
 * the rules a call takes from are then its tenant's quota (or the global one), each per-tool
 * pattern it matches, and the entitlements' limits for this tenant and tool. Each rule has its
 * own bucket; a call is refused when any is exhausted, and a refused call takes from none.
 */
export function compileQuotaRules(quotas: Quotas | undefined): QuotaRulesFor {
  const perTool = Object.entries(quotas?.per_tool ?? {}).map(([pattern, quota]) => ({
    pattern,
    quota,
    matcher: compileAllowlist([pattern]),
  }));
  return (tenant, toolRef, limits) => {
    const rules: QuotaRule[] = [];
    const add = (key: string, quota: Quota | undefined) => {
      if (quota === undefined) return;
      const rate = quota.rate_per_minute === undefined ? undefined : quota.rate_per_minute / 60;
      const rule = toRule(key, rate, quota.daily);
      if (rule !== undefined) rules.push(rule);
    };
    if (quotas !== undefined) {
      add(
        `t:${tenant}`,
        quotas.per_tenant?.[tenant] ?? { rate_per_minute: quotas.rate_per_minute, daily: quotas.daily },
      );
      for (const { pattern, quota, matcher } of perTool) {
        if (matcher.match(toolRef).matched) add(`p:${tenant}:${pattern}`, quota);
      }
    }
    const entitled = toRule(`e:${tenant}:${toolRef}`, limits.ratePerSec, limits.perDay);
    if (entitled !== undefined) rules.push(entitled);
    return rules;
  };
}

function toRule(
  key: string,
  ratePerSec: number | undefined,
  perDay: number | undefined,
): QuotaRule | undefined {
  if (ratePerSec === undefined && perDay === undefined) return undefined;
  return {
    key,
    ...(ratePerSec === undefined ? {} : { ratePerSec, burst: Math.max(1, Math.ceil(ratePerSec)) }),
    ...(perDay === undefined ? {} : { perDay }),
  };
}
