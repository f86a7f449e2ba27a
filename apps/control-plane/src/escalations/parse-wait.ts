import { MAX_WAIT_MS } from "./escalation-limits.js";

/**
 * Parses `?wait=` of a long-poll: `30s`, `30` (seconds) or `500ms`; clamped to
 * {@link MAX_WAIT_MS}. `undefined` and `0` mean no wait.
 *
 * @returns milliseconds, or `undefined` when the text is not a duration.
 * @example
 * parseWait("30s"); // 30000
 */
export function parseWait(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return 0;
  const match = /^(\d{1,6})(ms|s)?$/.exec(text.trim());
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const ms = match[2] === "ms" ? amount : amount * 1000;
  return Math.min(ms, MAX_WAIT_MS);
}
