import type { EscalationStatus } from "./escalation-types.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A length of time in the largest units that matter, counted down (floored): `42 s`, `4 min`,
 * `2 h 5 min`, `3 d 4 h`. Negative lengths count as positive.
 *
 * @example
 * formatDuration(4 * 60_000 + 30_000); // "4 min"
 */
export function formatDuration(ms: number): string {
  const length = Math.abs(ms);
  if (length < MINUTE) return `${Math.floor(length / SECOND)} s`;
  if (length < HOUR) return `${Math.floor(length / MINUTE)} min`;
  if (length < DAY) {
    const hours = Math.floor(length / HOUR);
    const minutes = Math.floor((length % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(length / DAY);
  const hours = Math.floor((length % DAY) / HOUR);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** Milliseconds of an ISO 8601 instant, or `undefined` for none or an unreadable one. */
export function instantOf(iso: string | null | undefined): number | undefined {
  if (iso === null || iso === undefined || iso === "") return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An instant relative to `now`: `in 4 min`, `4 min ago`, or `just now` within a second; `undefined`
 * for no (or an unreadable) instant.
 *
 * @example
 * relativeTime("2026-01-01T12:04:00Z", Date.parse("2026-01-01T12:00:00Z")); // "in 4 min"
 */
export function relativeTime(iso: string | null | undefined, now: number): string | undefined {
  const at = instantOf(iso);
  if (at === undefined) return undefined;
  const diff = at - now;
  if (Math.abs(diff) < SECOND) return "just now";
  return diff > 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
}

/**
 * What to say of an escalation's expiry: a countdown while pending (`expires in 4 min`, or
 * `expiry due 10 s ago` until the control plane expires it), `expired 3 min ago` once expired;
 * `undefined` for a decided escalation or no expiry.
 *
 * @example
 * expiryText("pending", "2026-01-01T12:04:00Z", Date.parse("2026-01-01T12:00:00Z")); // "expires in 4 min"
 */
export function expiryText(
  status: EscalationStatus,
  expiresAt: string | null | undefined,
  now: number,
): string | undefined {
  const at = instantOf(expiresAt);
  if (at === undefined || status === "approved" || status === "rejected") return undefined;
  if (status === "expired") return `expired ${relativeTime(expiresAt, now) ?? ""}`.trim();
  if (at - now >= SECOND) return `expires ${relativeTime(expiresAt, now)}`;
  return Math.abs(at - now) < SECOND ? "expires now" : `expiry due ${relativeTime(expiresAt, now)}`;
}
