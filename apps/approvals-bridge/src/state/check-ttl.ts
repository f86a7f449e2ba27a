import { Sec0Error } from "@sec0/core";

/**
 * The whole milliseconds a ttl stands for (at least 1), the same in memory and in Redis
 * (`PX` takes integers).
 *
 * @throws {Sec0Error} `BRIDGE_STATE_INPUT_INVALID` when `ttlMs` is not a positive finite number.
 */
export function checkTtl(ttlMs: number, field = "ttlMs"): number {
  if (typeof ttlMs !== "number" || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new Sec0Error(
      "BRIDGE_STATE_INPUT_INVALID",
      `The bridge state needs ${field} to be a positive number of milliseconds.`,
      {
        details: { field },
      },
    );
  }
  return Math.ceil(ttlMs);
}
