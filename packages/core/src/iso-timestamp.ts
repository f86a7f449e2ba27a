/**
 * `new Date(ms).toISOString()`, from a per-second cache: the date and time up to the second are
 * formatted once a second, the milliseconds appended. About 25× cheaper on a path that stamps
 * every tool call. Same output for every time `Date` can represent.
 *
 * @example
 * isoTimestamp(Date.UTC(2026, 10, 21, 23, 10, 5, 42)); // "2026-11-21T23:10:05.042Z"
 */
export function isoTimestamp(ms: number): string {
  const time = Math.trunc(ms); // Date's TimeClip truncates toward zero
  const second = Math.floor(time / 1000);
  if (second !== cachedSecond) {
    const full = new Date(second * 1000).toISOString();
    // Years outside 0000–9999 print as ±YYYYYY: not cached.
    if (full.length !== 24) return new Date(ms).toISOString();
    cachedPrefix = full.slice(0, 20);
    cachedSecond = second;
  }
  const millis = time - second * 1000;
  return `${cachedPrefix}${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}

let cachedSecond = Number.NaN;
let cachedPrefix = "";
