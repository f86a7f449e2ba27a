import { type QuotaRule, type QuotaStore, type QuotaVerdict, Sec0Error } from "@sec0/core";
import type { Redis } from "ioredis";
import { buildQuotaVerdict, type QuotaRefusal, type RuleFigures } from "../quota/build-quota-verdict.js";
import { type ResolvedQuotaRule, resolveQuotaRules } from "../quota/resolve-quota-rules.js";
import { QUOTA_CONSUME_LUA } from "./quota-consume-script.js";
import { defineRedisScript } from "./redis-script.js";

/** Options of {@link createRedisQuotaStore}. */
export interface RedisQuotaStoreOptions {
  /** The shared client (see `createRedisClient`); the store does not close it. */
  readonly client: Redis;
  /**
   * Prefix of every key (default `sec0:quota:`). In Redis Cluster, put a hash tag in it
   * (`{sec0}:quota:`) so that the buckets of one call share a slot.
   */
  readonly prefix?: string;
}

/**
 * Creates a {@link QuotaStore} shared by every replica that uses the same Redis: one Lua script per
 * call decides GCRA rates and daily counts for all its rules atomically, on Redis's own clock
 * (`TIME`), and each bucket expires by itself once it is full again and its day is over. Works
 * with Redis 5 and later.
 *
 * @throws {Sec0Error} `consume` rejects with `GUARD_QUOTA_RULE_INVALID` for a bad rule and with
 *   `GUARD_REDIS_UNAVAILABLE` when Redis fails or times out (wrap the store in
 *   `createResilientQuotaStore` to choose the fail mode).
 * @example
 * const quotas = createRedisQuotaStore({ client: createRedisClient("redis://127.0.0.1:6379") });
 * const verdict = await quotas.consume([{ key: "acme|search", ratePerSec: 20, burst: 40, perDay: 50_000 }]);
 */
export function createRedisQuotaStore(options: RedisQuotaStoreOptions): QuotaStore {
  const prefix = options.prefix ?? "sec0:quota:";
  const run = defineRedisScript(options.client, "quota_consume", QUOTA_CONSUME_LUA);
  return {
    async consume(rules: readonly QuotaRule[]): Promise<QuotaVerdict> {
      const resolved = resolveQuotaRules(rules);
      if (resolved.length === 0) return { allowed: true };
      const keys = resolved.map((rule) => `${prefix}${rule.key}`);
      const args = resolved.flatMap((rule) => [
        rule.intervalMs === undefined ? "" : String(rule.intervalMs),
        rule.burst === undefined ? "" : String(rule.burst),
        rule.perDay === undefined ? "" : String(rule.perDay),
      ]);
      let reply: unknown;
      try {
        reply = await run(keys, args);
      } catch (error) {
        throw new Sec0Error(
          "GUARD_REDIS_UNAVAILABLE",
          "The Redis quota store could not answer; check that Redis is reachable.",
          {
            details: { operation: "quota.consume" },
            cause: error,
          },
        );
      }
      return readReply(resolved, reply as number[]);
    },
  };
}

function readReply(rules: readonly ResolvedQuotaRule[], reply: readonly number[]): QuotaVerdict {
  const [allowed, refusedAt, kind, retryAfterMs, now] = reply.slice(0, 5).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const figures = rules.map((_, index): RuleFigures => {
    const [remaining, resetMs, count] = reply.slice(5 + 3 * index, 8 + 3 * index).map(Number) as [
      number,
      number,
      number,
    ];
    return {
      ...(resetMs >= 0 && { rate: { remaining, resetMs } }),
      ...(count >= 0 && { dailyCount: count }),
    };
  });
  const refusal: QuotaRefusal | undefined =
    allowed === 1
      ? undefined
      : { index: refusedAt - 1, reason: kind === 1 ? "rate_limited" : "quota_exceeded", retryAfterMs };
  return buildQuotaVerdict(rules, figures, now, refusal);
}
