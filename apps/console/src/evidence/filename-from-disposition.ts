/**
 * The file name a `content-disposition` header gives (`filename*=UTF-8''…` first, then
 * `filename="…"` or a bare `filename=…`), else `fallback`. Path parts are dropped, so a server
 * cannot pick a directory.
 *
 * @example
 * filenameFromDisposition('attachment; filename="sec0-audit-acme.ndjson"', "x.ndjson"); // "sec0-audit-acme.ndjson"
 */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (header === null || header === undefined) return fallback;
  const extended = /filename\*\s*=\s*(?:[\w-]+)'[^']*'([^;]+)/i.exec(header)?.[1];
  let name: string | undefined;
  if (extended !== undefined) {
    try {
      name = decodeURIComponent(extended.trim().replace(/^"|"$/g, ""));
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1];
    name = quoted?.replace(/\\(.)/g, "$1") ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  }
  const base = name?.split(/[\\/]/).pop()?.trim() ?? "";
  return base === "" || base === "." || base === ".." ? fallback : base;
}
