import type { DailyState, QuotaVerdict, RateState } from "@sec0/core";
import { nextUtcMidnight } from "./gcra.js";
import type { ResolvedQuotaRule } from "./resolve-quota-rules.js";

/** What a store found for one rule: its rate and daily figures (after the call when allowed). */
export interface RuleFigures {
  /** Rate figures; absent for a rule without a rate. */
  readonly rate?: { readonly remaining: number; readonly resetMs: number };
  /** Calls counted today (after the call when allowed); absent for a rule without a daily limit. */
  readonly dailyCount?: number;
}

/** The rule that refused a call. */
export interface QuotaRefusal {
  /** Index into the rules. */
  readonly index: number;
  readonly reason: "rate_limited" | "quota_exceeded";
  readonly retryAfterMs: number;
}

/**
 * Turns per-rule figures into a {@link QuotaVerdict}: the tightest rate rule (fewest remaining,
 * then longest reset) and the tightest daily rule (fewest remaining) are reported.
 *
 * @example
 * buildQuotaVerdict([{ key: "k", perDay: 3 }], [{ dailyCount: 1 }], Date.now()); // allowed, daily.remaining 2
 */
export function buildQuotaVerdict(
  rules: readonly ResolvedQuotaRule[],
  figures: readonly RuleFigures[],
  now: number,
  refusal?: QuotaRefusal,
): QuotaVerdict {
  const rate = tightestRate(rules, figures);
  const daily = tightestDaily(rules, figures, now);
  const states = { ...(rate && { rate }), ...(daily && { daily }) };
  if (refusal === undefined) return { allowed: true, ...states };
  return {
    allowed: false,
    reason: refusal.reason,
    retryAfterMs: Math.max(1, Math.ceil(refusal.retryAfterMs)),
    rule: rules[refusal.index]!.key,
    ...states,
  };
}

function tightestRate(
  rules: readonly ResolvedQuotaRule[],
  figures: readonly RuleFigures[],
): RateState | undefined {
  let best: RateState | undefined;
  rules.forEach((rule, index) => {
    const found = figures[index]?.rate;
    if (found === undefined || rule.intervalMs === undefined || rule.burst === undefined) return;
    const state: RateState = {
      limit: rule.burst,
      remaining: found.remaining,
      resetMs: found.resetMs,
      windowSec: Math.max(1, Math.ceil((rule.burst * rule.intervalMs) / 1000 - 1e-9)),
    };
    const tighter =
      best === undefined ||
      state.remaining < best.remaining ||
      (state.remaining === best.remaining && state.resetMs > best.resetMs);
    if (tighter) best = state;
  });
  return best;
}

function tightestDaily(
  rules: readonly ResolvedQuotaRule[],
  figures: readonly RuleFigures[],
  now: number,
): DailyState | undefined {
  let best: DailyState | undefined;
  rules.forEach((rule, index) => {
    const count = figures[index]?.dailyCount;
    if (count === undefined || rule.perDay === undefined) return;
    const remaining = Math.max(0, rule.perDay - count);
    if (best === undefined || remaining < best.remaining) {
      best = { limit: rule.perDay, remaining, resetAt: nextUtcMidnight(now) };
    }
  });
  return best;
}
