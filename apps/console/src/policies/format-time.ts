/**
 * A timestamp as `YYYY-MM-DD HH:MM:SS UTC` (zero-padded, so no number stands alone as a small
 * word), or the input unchanged when it is not a date.
 *
 * @example
 * formatUtc("2026-12-03T14:08:21.123Z"); // "2026-12-03 14:08:21 UTC"
 */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
