/** What a string is by its own shape, whatever argument holds it. */
export type SniffedTarget = "url" | "file-url" | "path" | "none";

/** Characters of a string looked at (8 KiB); a target longer than this is not checked but refused. */
export const MAX_TARGET_CHARS = 8192;

/** Longest URL scheme looked for (`coap+tcp`, `chrome-extension` fit). */
const MAX_SCHEME_CHARS = 32;
const DRIVE = /^[a-z]:[\\/]/i;
const HOME = /^~[^\s/\\]*[/\\]/;
const LINE_BREAK = /[\r\n]/;
const SEPARATOR = /[/\\]/;

/**
 * Classifies a string that is wholly an absolute URL with an authority (`https://…`, `wss://…`,
 * `ftp://…`; `file://…` apart) or an absolute path (`/…`, `~/…`, `~user/…`, `C:\…`, `\\server\share`).
 * Text around a URL (`see https://…`), relative paths and multi-line strings are `none`. Only the
 * first {@link MAX_TARGET_CHARS} characters are looked at.
 *
 * @example
 * sniffTarget("https://evil.example/x"); // "url"
 * sniffTarget("/etc/passwd"); // "path"
 * sniffTarget("see /etc/passwd"); // "none"
 */
export function sniffTarget(value: string): SniffedTarget {
  const first = value.charCodeAt(0);
  // "/" "\" "~" or a letter: anything else cannot start a URL or an absolute path.
  const isLetter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  if (!isLetter && first !== 47 && first !== 92 && first !== 126) return "none";
  const head = value.length > MAX_TARGET_CHARS ? value.slice(0, MAX_TARGET_CHARS) : value;
  let kind: SniffedTarget = "path";
  // The anchored tests first: most strings fail them at their first characters.
  if (isLetter && !DRIVE.test(head)) {
    const scheme = schemeOf(head);
    if (scheme === undefined || scheme.length === 1) return "none";
    kind = scheme.toLowerCase() === "file" ? "file-url" : "url";
  } else if (first === 126 && head !== "~" && !HOME.test(head)) return "none";
  return LINE_BREAK.test(head) ? "none" : kind;
}

/** The scheme of `scheme://…` (letters, digits, `+ - .`), scanned by hand: this runs on every string. */
function schemeOf(value: string): string | undefined {
  const limit = Math.min(value.length, MAX_SCHEME_CHARS + 1);
  for (let index = 1; index < limit; index++) {
    const code = value.charCodeAt(index);
    if (code === 58) return value.startsWith("//", index + 1) ? value.slice(0, index) : undefined;
    const isSchemeChar =
      (code >= 97 && code <= 122) ||
      (code >= 65 && code <= 90) ||
      (code >= 48 && code <= 57) ||
      code === 43 ||
      code === 45 ||
      code === 46;
    if (!isSchemeChar) return undefined;
  }
  return undefined;
}

/** True when a relative string reads like a path: it has a separator or starts with `.` or `~`. */
export function looksLikePath(value: string): boolean {
  return SEPARATOR.test(value) || value.startsWith(".") || value.startsWith("~");
}
