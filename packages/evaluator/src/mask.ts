/**
 * Masks the middle of a sensitive value so that it can be shown as evidence: at most a few
 * characters at each end stay visible and never more than a third of the value.
 *
 * @example maskMiddle("AKIAIOSFODNN7EXAMPLE") // "AKIA************LE"
 */
export function maskMiddle(value: string): string {
  const n = value.length;
  if (n <= 6) return "*".repeat(Math.max(n, 3));
  const head = Math.min(4, Math.floor(n / 6));
  const tail = Math.min(2, Math.floor(n / 8));
  const hidden = Math.min(n - head - tail, 12);
  return `${value.slice(0, head)}${"*".repeat(hidden)}${value.slice(n - tail)}`;
}

const CONTEXT = 20;
const MAX_MATCH = 60;

/**
 * A short excerpt of `text` around `[start, end)`: up to 20 characters of context on each side,
 * the match itself shortened to 60 characters, and masked when `sensitive`. Line breaks become
 * spaces so the excerpt fits on one line.
 */
export function excerpt(text: string, start: number, end: number, sensitive: boolean): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  let match = text.slice(start, end);
  if (sensitive) match = maskMiddle(match);
  else if (match.length > MAX_MATCH) match = `${match.slice(0, 40)}…${match.slice(-16)}`;
  const before = (from > 0 ? "…" : "") + text.slice(from, start);
  const after = text.slice(end, to) + (to < text.length ? "…" : "");
  return `${before}${match}${after}`.replace(/[\r\n\t]+/g, " ");
}
