import type { IdempotencyCompletion } from "@sec0/core";
import { guardConfigError } from "../config-error.js";

/**
 * The `ttlMs` of a `complete()` call, which every idempotency store requires positive and finite.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` (`details.field: "ttlMs"`) otherwise.
 */
export function checkResultTtl(completion: IdempotencyCompletion | undefined): number {
  const ttlMs = completion?.ttlMs;
  if (typeof ttlMs !== "number" || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw guardConfigError(
      "ttlMs",
      `An idempotency result needs a positive, finite ttlMs; got ${String(ttlMs)}.`,
    );
  }
  return ttlMs;
}
