import { Sec0Error } from "@sec0/core";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/**
 * Parses a duration (`"30d"`, `"12h"`, `"500ms"`, `"1h30m"`; units ms s m h d w) to milliseconds.
 * A number is taken as milliseconds already.
 *
 * @throws {Sec0Error} `POLICY_DURATION_INVALID` for text without a unit or with an unknown unit.
 * @example
 * parseDuration("1h30m"); // 5_400_000
 */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return value;
    throw invalidDuration(String(value));
  }
  const text = value.trim().toLowerCase();
  if (!WHOLE.test(text)) throw invalidDuration(value);
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
  return Math.round(total);
}

/** True when {@link parseDuration} accepts `value`. */
export function isDuration(value: string): boolean {
  return WHOLE.test(value.trim().toLowerCase());
}

function invalidDuration(value: string): Sec0Error {
  return new Sec0Error(
    "POLICY_DURATION_INVALID",
    `Invalid duration "${value}": write a number with a unit (ms, s, m, h, d, w), e.g. "30d", "12h", "500ms" or "1h30m".`,
    { details: { value } },
  );
}
