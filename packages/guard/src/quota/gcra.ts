// The arithmetic of the quota stores, shared by the memory store and mirrored line for line by the
// Redis script (quota-consume-script.ts), so that both decide alike.

/** Tolerance for float error, in ms: a call due within it counts as due. */
export const GCRA_EPSILON_MS = 1e-6;

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** What one GCRA bucket says about one call at `now`. */
export interface GcraCheck {
  /** Whether the call fits. */
  readonly allowed: boolean;
  /** Theoretical arrival time after the call (unchanged when refused). */
  readonly tat: number;
  /** Calls still allowed at once: after the call when allowed, now when refused. */
  readonly remaining: number;
  /** Milliseconds until the bucket is full again. */
  readonly resetMs: number;
  /** Milliseconds until the call would fit (≥ 1); 0 when allowed. */
  readonly retryAfterMs: number;
}

/**
 * Checks one call against a GCRA bucket whose theoretical arrival time is `storedTat` (absent for
 * a full bucket), with emission interval `intervalMs` and `burst` calls allowed at once.
 *
 * @example
 * checkGcra(undefined, 0, 100, 5); // { allowed: true, tat: 100, remaining: 4, resetMs: 100, retryAfterMs: 0 }
 */
export function checkGcra(
  storedTat: number | undefined,
  now: number,
  intervalMs: number,
  burst: number,
): GcraCheck {
  const tat = Math.max(storedTat ?? now, now);
  const allowAt = tat + intervalMs - burst * intervalMs;
  const allowed = allowAt - now <= GCRA_EPSILON_MS;
  const after = allowed ? tat + intervalMs : tat;
  return {
    allowed,
    tat: after,
    ...gcraState(after, now, intervalMs, burst),
    retryAfterMs: allowed ? 0 : Math.max(1, Math.ceil(allowAt - now - GCRA_EPSILON_MS)),
  };
}

/**
 * Calls allowed at once and time to full of a bucket whose theoretical arrival time is `tat` (at
 * least `now`).
 *
 * @example
 * gcraState(300, 0, 100, 5); // { remaining: 2, resetMs: 300 }
 */
export function gcraState(
  tat: number,
  now: number,
  intervalMs: number,
  burst: number,
): { remaining: number; resetMs: number } {
  const fits = Math.floor((now - (tat - burst * intervalMs)) / intervalMs + GCRA_EPSILON_MS);
  return {
    remaining: Math.min(burst, Math.max(0, fits)),
    resetMs: Math.max(0, Math.ceil(tat - now - GCRA_EPSILON_MS)),
  };
}

/**
 * The UTC day number of `now` (days since the epoch).
 *
 * @example
 * utcDay(Date.UTC(1970, 0, 2, 12)); // 1
 */
export function utcDay(now: number): number {
  return Math.floor(now / DAY_MS);
}

/**
 * Epoch ms of the UTC midnight after `now`.
 *
 * @example
 * nextUtcMidnight(Date.UTC(2026, 0, 1, 13)) === Date.UTC(2026, 0, 2); // true
 */
export function nextUtcMidnight(now: number): number {
  return (utcDay(now) + 1) * DAY_MS;
}
