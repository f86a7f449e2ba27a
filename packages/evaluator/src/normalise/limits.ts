import { Sec0Error } from "@sec0/core";
import { EVAL_ERROR_CODES } from "../errors.js";
import type { NormaliseLimits } from "./transform.js";

/** {@link NormaliseLimits} with every field present. */
export interface ResolvedLimits {
  readonly maxViews: number;
  readonly maxDecodedBytes: number;
  readonly maxDepth: number;
  readonly minRunLength: number;
}

/** The defaults: 8 views, 64 KiB decoded, two levels of nesting, base64 runs from 24 characters. */
export const DEFAULT_NORMALISE_LIMITS: ResolvedLimits = Object.freeze({
  maxViews: 8,
  maxDecodedBytes: 64 * 1024,
  maxDepth: 2,
  minRunLength: 24,
});

/**
 * Fills in defaults and checks each given limit is a non-negative integer (`minRunLength` at least 4).
 * @throws Sec0Error `EVAL_CONFIG_INVALID` naming the field when a limit is out of range.
 */
export function resolveLimits(limits: NormaliseLimits | undefined): ResolvedLimits {
  if (limits === undefined) return DEFAULT_NORMALISE_LIMITS;
  return {
    maxViews: pick(limits, "maxViews", 0),
    maxDecodedBytes: pick(limits, "maxDecodedBytes", 0),
    maxDepth: pick(limits, "maxDepth", 0),
    minRunLength: pick(limits, "minRunLength", 4),
  };
}

function pick(limits: NormaliseLimits, field: keyof NormaliseLimits, min: number): number {
  const value = limits[field];
  if (value === undefined) return DEFAULT_NORMALISE_LIMITS[field];
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Sec0Error(
      EVAL_ERROR_CODES.CONFIG_INVALID,
      `normalise limits.${field} must be an integer >= ${min}, got ${String(value)}; pass a valid number or omit it.`,
      { details: { path: `limits.${field}` } },
    );
  }
  return value;
}
