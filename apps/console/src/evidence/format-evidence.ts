/**
 * A byte count for people: `512 B`, `1.5 KiB`, `2.0 MiB`.
 *
 * @example
 * formatBytes(1536); // "1.5 KiB"
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A long id cut to its first characters with an ellipsis, for narrow cells (the full id stays
 * in the title and the expanded JSON).
 *
 * @example
 * shortId("abababababababab", 8); // "abababab…"
 */
export function shortId(id: string, keep = 12): string {
  return id.length <= keep ? id : `${id.slice(0, keep)}…`;
}
