/**
 * An instant as fixed, unambiguous text in UTC, `YYYY-MM-DD HH:MM:SS UTC` (zero-padded, so no
 * number stands alone as a small word): the one way every page of the console shows a time. The
 * input as is when it is not a date; `—` when there is none.
 *
 * @example
 * formatUtc("2026-12-03T15:08:21.123+01:00"); // "2026-12-03 14:08:21 UTC"
 */
export function formatUtc(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return `${new Date(at).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
