/** The characters Telegram's HTML parse mode needs escaped in text (quotes only matter in attributes). */
const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Escapes `&`, `<` and `>` for Telegram's HTML parse mode.
 *
 * @example
 * escapeTelegramHtml("a < b & c"); // "a &lt; b &amp; c"
 */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char] ?? char);
}

/**
 * Escapes `text` and cuts it so the escaped result is at most `maxLength` UTF-16 units, ending in
 * `…` when cut. Never splits an entity (`&amp;`) or a surrogate pair.
 *
 * @example
 * escapeAndCut("<<<<", 9); // "&lt;&lt;…"
 */
export function escapeAndCut(text: string, maxLength: number): string {
  const escaped = escapeTelegramHtml(text);
  if (escaped.length <= maxLength) return escaped;
  const room = maxLength - 1;
  let out = "";
  for (const char of text) {
    const piece = ESCAPES[char] ?? char;
    if (out.length + piece.length > room) break;
    out += piece;
  }
  return maxLength > 0 ? `${out}…` : "";
}
