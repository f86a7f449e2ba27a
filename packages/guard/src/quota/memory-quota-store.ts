import {
  type Clock,
  type QuotaRule,
  type QuotaStore,
  type QuotaVerdict,
  Sec0Error,
  systemClock,
} from "@sec0/core";
import { buildQuotaVerdict, type QuotaRefusal, type RuleFigures } from "./build-quota-verdict.js";
import { checkGcra, gcraState, nextUtcMidnight, utcDay } from "./gcra.js";
import { type ResolvedQuotaRule, resolveQuotaRules } from "./resolve-quota-rules.js";

/** Options of {@link createMemoryQuotaStore}. */
export interface MemoryQuotaStoreOptions {
  /** Judges rates and UTC days (default the system clock). */
  readonly clock?: Clock;
  /**
   * Bucket keys held at most (default 100 000). Expired buckets are dropped first; when every held
   * bucket is still live, the least recently used one is dropped, so that key starts over (a full
   * burst, a fresh day count). Memory stays bounded; size it above the live keys you expect.
   */
  readonly maxKeys?: number;
}

interface Bucket {
  tat?: number;
  day?: number;
  count?: number;
  /** Epoch ms after which the bucket holds nothing (full burst, past day). */
  expiresAt: number;
}

/** Buckets looked at, oldest first, for expired ones before a live one is dropped. */
const SWEEP_BATCH = 64;

/**
 * Creates a {@link QuotaStore} for one process: GCRA rate limits with bursts and daily counts per
 * key and UTC day, judged by `clock`. A call is decided synchronously, so it is atomic across rules.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for a `maxKeys` that is not a whole number ≥ 1;
 *   `consume` rejects with `GUARD_QUOTA_RULE_INVALID` for a bad rule.
 * @example
 * const quotas = createMemoryQuotaStore();
 * const verdict = await quotas.consume([{ key: "acme|search", ratePerSec: 5, perDay: 1000 }]);
 */
export function createMemoryQuotaStore(options: MemoryQuotaStoreOptions = {}): QuotaStore {
  const clock = options.clock ?? systemClock;
  const maxKeys = options.maxKeys ?? 100_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new Sec0Error(
      "GUARD_CONFIG_INVALID",
      `Memory quota store option maxKeys must be a whole number ≥ 1; got ${String(maxKeys)}.`,
      {
        details: { field: "maxKeys" },
      },
    );
  }
  const buckets = new Map<string, Bucket>();

  const live = (key: string, now: number): Bucket | undefined => {
    const bucket = buckets.get(key);
    if (bucket === undefined || bucket.expiresAt > now) return bucket;
    buckets.delete(key);
    return undefined;
  };

  const makeRoom = (now: number): void => {
    let looked = 0;
    for (const [key, bucket] of buckets) {
      if (buckets.size < maxKeys || looked++ >= SWEEP_BATCH) break;
      if (bucket.expiresAt <= now) buckets.delete(key);
    }
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next().value as string;
      buckets.delete(oldest);
    }
  };

  const store = (rule: ResolvedQuotaRule, bucket: Bucket | undefined, next: Bucket, now: number): void => {
    if (bucket === undefined) makeRoom(now);
    buckets.delete(rule.key); // re-inserted last: least recently used first
    buckets.set(rule.key, next);
  };

  return {
    async consume(rules: readonly QuotaRule[]): Promise<QuotaVerdict> {
      const resolved = resolveQuotaRules(rules);
      const now = clock.now();
      const held = resolved.map((rule) => live(rule.key, now));
      const decision = decide(resolved, held, now);
      if (decision.refusal === undefined) {
        resolved.forEach((rule, index) => {
          store(rule, held[index], decision.next[index]!, now);
        });
      }
      return buildQuotaVerdict(resolved, decision.figures, now, decision.refusal);
    },
  };
}

interface Decision {
  readonly refusal?: QuotaRefusal;
  readonly figures: RuleFigures[];
  /** Each bucket after the call, when it is allowed. */
  readonly next: Bucket[];
}

function decide(
  rules: readonly ResolvedQuotaRule[],
  held: readonly (Bucket | undefined)[],
  now: number,
): Decision {
  const day = utcDay(now);
  const checks = rules.map((rule, index) =>
    rule.intervalMs === undefined
      ? undefined
      : checkGcra(held[index]?.tat, now, rule.intervalMs, rule.burst!),
  );
  const counts = held.map((bucket) => (bucket?.day === day ? (bucket.count ?? 0) : 0));
  let refusal: QuotaRefusal | undefined;
  checks.forEach((check, index) => {
    if (check && !check.allowed && (refusal === undefined || check.retryAfterMs > refusal.retryAfterMs)) {
      refusal = { index, reason: "rate_limited", retryAfterMs: check.retryAfterMs };
    }
  });
  if (refusal === undefined) {
    const index = rules.findIndex((rule, i) => rule.perDay !== undefined && counts[i]! + 1 > rule.perDay);
    if (index >= 0) refusal = { index, reason: "quota_exceeded", retryAfterMs: nextUtcMidnight(now) - now };
  }
  const allowed = refusal === undefined;
  const figures = rules.map((rule, index): RuleFigures => {
    const check = checks[index];
    const rate =
      check === undefined
        ? undefined
        : allowed
          ? { remaining: check.remaining, resetMs: check.resetMs }
          : gcraState(Math.max(held[index]?.tat ?? now, now), now, rule.intervalMs!, rule.burst!);
    const dailyCount = rule.perDay === undefined ? undefined : counts[index]! + (allowed ? 1 : 0);
    return { ...(rate && { rate }), ...(dailyCount !== undefined && { dailyCount }) };
  });
  const next = rules.map((rule, index) =>
    nextBucket(rule, held[index], checks[index]?.tat, counts[index]!, now),
  );
  return { ...(refusal && { refusal }), figures, next };
}

/** The bucket after an allowed call; what another rule shape left in it (same key) is kept. */
function nextBucket(
  rule: ResolvedQuotaRule,
  previous: Bucket | undefined,
  consumedTat: number | undefined,
  count: number,
  now: number,
): Bucket {
  const day = utcDay(now);
  const tat = consumedTat ?? (previous?.tat !== undefined && previous.tat > now ? previous.tat : undefined);
  const dayCount = rule.perDay !== undefined ? count + 1 : previous?.day === day ? previous.count : undefined;
  return {
    ...(tat !== undefined && { tat }),
    ...(dayCount !== undefined && { day, count: dayCount }),
    expiresAt: Math.max(tat ?? 0, dayCount !== undefined ? nextUtcMidnight(now) : 0),
  };
}
