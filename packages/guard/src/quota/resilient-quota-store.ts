import { type QuotaRule, type QuotaStore, type QuotaVerdict, Sec0Error } from "@sec0/core";
import { guardConfigError } from "../config-error.js";
import { createMemoryQuotaStore } from "./memory-quota-store.js";
import { resolveQuotaRules } from "./resolve-quota-rules.js";

/** What to do when the shared quota store fails or is slow. */
export type QuotaFailMode = "closed" | "open" | "local";

/** What {@link ResilientQuotaStoreOptions.onDegrade} hears each time the primary store failed. */
export interface QuotaDegradation {
  readonly mode: QuotaFailMode;
  /** The primary's error, or a `GUARD_QUOTA_UNAVAILABLE` error for a timeout. */
  readonly error: unknown;
}

/** Options of {@link createResilientQuotaStore}. */
export interface ResilientQuotaStoreOptions {
  /** The shared store (Redis). */
  readonly primary: QuotaStore;
  /**
   * `closed` rejects with `GUARD_QUOTA_UNAVAILABLE` (the gateway answers 503), `open` allows
   * uncounted (`degraded: "open"`), `local` counts in this process (`degraded: "local"`).
   */
  readonly mode: QuotaFailMode;
  /** Longest wait for the primary, in ms (positive, finite). */
  readonly timeoutMs: number;
  /** The per-process store of `local` mode (default a new memory store). */
  readonly fallback?: QuotaStore;
  /** Called every time the primary failed or timed out (audit, count); its own errors are ignored. */
  readonly onDegrade?: (degradation: QuotaDegradation) => void;
}

/**
 * Wraps a shared {@link QuotaStore} with a fail mode: when the primary rejects or does not answer
 * within `timeoutMs`, the call is refused (`closed`), allowed (`open`) or counted locally
 * (`local`), and `onDegrade` hears of it. A consume never waits past `timeoutMs` for the primary
 * (the local fallback answers at once). A timed-out call may still be counted by the primary when
 * it answers late. Bad rules are rejected before the primary is asked, never degraded.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unknown mode or a bad `timeoutMs`; `consume`
 *   rejects with `GUARD_QUOTA_UNAVAILABLE` in `closed` mode and `GUARD_QUOTA_RULE_INVALID` for a
 *   bad rule.
 * @example
 * const quotas = createResilientQuotaStore({ primary: createRedisQuotaStore({ client }), mode: "local", timeoutMs: 50 });
 */
export function createResilientQuotaStore(options: ResilientQuotaStoreOptions): QuotaStore {
  const { primary, mode, timeoutMs, onDegrade } = options;
  if (mode !== "closed" && mode !== "open" && mode !== "local") {
    throw guardConfigError(
      "mode",
      `Quota fail mode must be "closed", "open" or "local"; got ${String(mode)}.`,
    );
  }
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw guardConfigError(
      "timeoutMs",
      `Quota store timeoutMs must be a positive number of ms; got ${String(timeoutMs)}.`,
    );
  }
  const fallback = mode === "local" ? (options.fallback ?? createMemoryQuotaStore()) : undefined;

  const degrade = async (rules: readonly QuotaRule[], error: unknown): Promise<QuotaVerdict> => {
    try {
      onDegrade?.({ mode, error });
    } catch {
      // observing fails open: a broken hook must not change the decision
    }
    if (mode === "open") return { allowed: true, degraded: "open" };
    if (fallback !== undefined) return { ...(await fallback.consume(rules)), degraded: "local" };
    throw new Sec0Error(
      "GUARD_QUOTA_UNAVAILABLE",
      "The quota store did not answer, so the call is refused (fail mode closed); check Redis or choose fail mode open or local.",
      {
        details: { timeoutMs },
        cause: error,
      },
    );
  };

  return {
    async consume(rules) {
      resolveQuotaRules(rules);
      let verdict: QuotaVerdict;
      try {
        verdict = await withTimeout(
          Promise.resolve().then(() => primary.consume(rules)),
          timeoutMs,
        );
      } catch (error) {
        return degrade(rules, error);
      }
      return verdict;
    },
    async close() {
      await Promise.all([primary.close?.(), fallback?.close?.()]);
    },
  };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  work.catch(() => undefined); // a late rejection after the timeout is not unhandled
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new Sec0Error("GUARD_QUOTA_UNAVAILABLE", `The quota store did not answer within ${timeoutMs} ms.`, {
          details: { timeoutMs },
        }),
      );
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
