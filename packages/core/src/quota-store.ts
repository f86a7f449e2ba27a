/** One quota bucket a call draws from: a sustained rate with a burst, a daily count, or both. */
export interface QuotaRule {
  /** Opaque bucket key; the caller namespaces it (tenant, tool). */
  readonly key: string;
  /** Sustained rate, calls per second (GCRA). Absent: no rate limit. */
  readonly ratePerSec?: number;
  /** Calls allowed at once above the sustained rate (default max(1, ceil(ratePerSec))). */
  readonly burst?: number;
  /** Calls per UTC day. Absent: no daily limit. */
  readonly perDay?: number;
}

/** The rate side of a verdict (the tightest rate rule), shaped for `RateLimit-*` headers. */
export interface RateState {
  /** The rule's burst: calls allowed at once. */
  readonly limit: number;
  /** Calls still allowed at once after this one (or now, when this one was refused). */
  readonly remaining: number;
  /** Milliseconds until the bucket is full again. */
  readonly resetMs: number;
  /** Seconds the burst takes to refill at the sustained rate (`burst / ratePerSec`, rounded up, ≥ 1). */
  readonly windowSec: number;
}

/** The daily side of a verdict (the tightest daily rule). */
export interface DailyState {
  readonly limit: number;
  /** Calls still allowed today after this one (or now, when this one was refused). */
  readonly remaining: number;
  /** Epoch milliseconds of the next UTC midnight, when the count starts over. */
  readonly resetAt: number;
}

/**
 * Answer of {@link QuotaStore.consume}. `rate` and `daily` report the tightest rule of each kind;
 * a refusal names the `rule` (its key) that refused, rate before daily, and `retryAfterMs` ≥ 1.
 * `degraded` says the answer did not come from the shared store (see the resilient store in
 * `@sec0/guard`): `open` allowed without counting, `local` counted in this process only.
 */
export type QuotaVerdict =
  | {
      readonly allowed: true;
      readonly rate?: RateState;
      readonly daily?: DailyState;
      readonly degraded?: "open" | "local";
    }
  | {
      readonly allowed: false;
      readonly reason: "rate_limited" | "quota_exceeded";
      readonly retryAfterMs: number;
      readonly rule: string;
      readonly rate?: RateState;
      readonly daily?: DailyState;
      readonly degraded?: "local";
    };

/**
 * Rate limits and daily quotas shared by every caller of one store (in memory for one process,
 * Redis for several replicas). Every implementation passes the same contract suite
 * (`@sec0/testkit/quota-store-contract`). A `consume` that rejects means the store could not answer;
 * the caller decides the fail mode (closed, open or local).
 */
export interface QuotaStore {
  /** Takes one call from every rule at once, atomically: a refused call consumes nothing from any rule. */
  consume(rules: readonly QuotaRule[]): Promise<QuotaVerdict>;
  /** Releases what the store holds (timers, connections it owns). */
  close?(): Promise<void>;
}
