/**
 * Which part of a tool reference a text is. A `/` ends the server name, so inside a server name it
 * is encoded (`%2F`); in the tool name and the version it stays as it is.
 */
export type ToolRefSegment = "server" | "tool" | "version";

// Letters, digits and `-._~+` are written as they are; `/` too after the server. Everything else —
// `@` (starts the version), `*` (an allowlist glob), `%` (starts an escape), whitespace, `:`,
// non-ASCII — is percent-encoded as UTF-8, so a reference reads the same wherever it is pasted.
const SAFE_SERVER = /^[A-Za-z0-9._~+-]*$/;
const SAFE_NAME = /^[A-Za-z0-9._~+/-]*$/;
const UNSAFE_SERVER = /[^A-Za-z0-9._~+-]/gu;
const UNSAFE_NAME = /[^A-Za-z0-9._~+/-]/gu;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const utf8 = new TextEncoder();

/**
 * Writes one segment of a tool reference: every character outside the safe set percent-encoded.
 * @example
 * encodeToolRefSegment("mcp-servers/everything", "server"); // "mcp-servers%2Feverything"
 */
export function encodeToolRefSegment(value: string, segment: ToolRefSegment): string {
  const isServer = segment === "server";
  // The common case (plain names) costs one regex test and no allocation: this runs on every call.
  if ((isServer ? SAFE_SERVER : SAFE_NAME).test(value)) return value;
  return value.replace(isServer ? UNSAFE_SERVER : UNSAFE_NAME, percentEncode);
}

/**
 * Reads one written segment back: `%XX` escapes decoded as UTF-8, every other character as it is
 * (so unencoded spaces or `:` are accepted). `undefined` when an escape is malformed.
 * @example
 * decodeToolRefSegment("mcp-servers%2Feverything"); // "mcp-servers/everything"
 */
export function decodeToolRefSegment(text: string): string | undefined {
  if (!text.includes("%")) return text;
  if (BAD_ESCAPE.test(text)) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // escapes that are not UTF-8 (`%FF`)
  }
}

/** The reason a segment does not decode, as the end of an error message. */
export function badEscapeReason(text: string): string {
  return `"${text}" holds a "%" that is not a %XX escape of UTF-8; write a literal % as %25`;
}

function percentEncode(char: string): string {
  let out = "";
  for (const byte of utf8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}
