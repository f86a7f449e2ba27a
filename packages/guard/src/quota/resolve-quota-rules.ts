import { type QuotaRule, Sec0Error } from "@sec0/core";

/** A {@link QuotaRule} checked and in the units the stores compute with. */
export interface ResolvedQuotaRule {
  readonly key: string;
  /** GCRA emission interval, `1000 / ratePerSec` ms; absent without a rate. */
  readonly intervalMs?: number;
  /** Calls allowed at once; set exactly when `intervalMs` is. */
  readonly burst?: number;
  /** Calls per UTC day; absent without a daily limit. */
  readonly perDay?: number;
}

/**
 * Checks `rules` and resolves each to the units the quota stores compute with (the default burst
 * is `max(1, ceil(ratePerSec))`). Every store calls it first, so a bad rule is the caller's bug,
 * never an outage.
 *
 * @throws {Sec0Error} `GUARD_QUOTA_RULE_INVALID` for a rule without a key, a key used twice, a
 *   `ratePerSec` that is not a positive finite number, a `burst` that is not a whole number ≥ 1 or
 *   is given without a rate, or a `perDay` that is not a whole number ≥ 0; `details` names the
 *   rule's index and field.
 * @example
 * resolveQuotaRules([{ key: "acme|search", ratePerSec: 5 }]); // [{ key, intervalMs: 200, burst: 5 }]
 */
export function resolveQuotaRules(rules: readonly QuotaRule[]): ResolvedQuotaRule[] {
  if (!Array.isArray(rules)) throw ruleError(-1, "rules", "consume() takes an array of quota rules.");
  const seen = new Set<string>();
  return rules.map((rule, index) => {
    if (typeof rule?.key !== "string" || rule.key === "") {
      throw ruleError(index, "key", "Give every quota rule a non-empty string key (tenant and tool).");
    }
    if (seen.has(rule.key)) {
      throw ruleError(
        index,
        "key",
        `Quota rule key ${JSON.stringify(rule.key)} is used twice in one call; merge the two rules.`,
      );
    }
    seen.add(rule.key);
    return { key: rule.key, ...resolveRate(rule, index), ...resolveDaily(rule, index) };
  });
}

function resolveRate(rule: QuotaRule, index: number): { intervalMs?: number; burst?: number } {
  const { ratePerSec, burst } = rule;
  if (ratePerSec === undefined) {
    if (burst !== undefined) throw ruleError(index, "burst", "A quota rule's burst needs a ratePerSec.");
    return {};
  }
  if (typeof ratePerSec !== "number" || !Number.isFinite(ratePerSec) || ratePerSec <= 0) {
    throw ruleError(
      index,
      "ratePerSec",
      `ratePerSec must be a positive number of calls per second; got ${String(ratePerSec)}.`,
    );
  }
  const resolvedBurst = burst ?? Math.max(1, Math.ceil(ratePerSec));
  if (!Number.isInteger(resolvedBurst) || resolvedBurst < 1) {
    throw ruleError(
      index,
      "burst",
      `burst must be a whole number of calls, at least 1; got ${String(burst)}.`,
    );
  }
  return { intervalMs: 1000 / ratePerSec, burst: resolvedBurst };
}

function resolveDaily(rule: QuotaRule, index: number): { perDay?: number } {
  const { perDay } = rule;
  if (perDay === undefined) return {};
  if (typeof perDay !== "number" || !Number.isInteger(perDay) || perDay < 0) {
    throw ruleError(
      index,
      "perDay",
      `perDay must be a whole number of calls, at least 0; got ${String(perDay)}.`,
    );
  }
  return { perDay };
}

function ruleError(index: number, field: string, message: string): Sec0Error {
  return new Sec0Error("GUARD_QUOTA_RULE_INVALID", message, { details: { index, field } });
}
