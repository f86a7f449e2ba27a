const ESC = 0x1b;
const BEL = 0x07;
/** C1 string terminator (ST), and the C1 forms of CSI and the string-introducing controls. */
const C1_ST = 0x9c;
const C1_CSI = 0x9b;
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]); // DCS, SOS, OSC, PM, APC
/** After ESC: the bytes that open a string (DCS P, SOS X, OSC ], PM ^, APC _). */
const ESC_STRINGS = new Set(["P", "X", "]", "^", "_"]);

/**
 * Removes what a terminal would act on from text read out of a file others could write: ANSI
 * escape sequences (CSI such as `ESC[2J`, OSC such as `ESC]0;title BEL`, DCS and the other string
 * sequences, two-character escapes, their 8-bit C1 forms), every other C0 and C1 control
 * character and DEL except newline and tab, and the bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that reorder what is shown. An unterminated string sequence runs
 * to the end, as it would in a terminal.
 *
 * @example
 * stripTerminalControls("\u001b]0;pwned\u0007tool"); // "tool"
 */
export function stripTerminalControls(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === ESC) {
      i = skipEscape(text, i + 1);
    } else if (code === C1_CSI) {
      i = skipCsi(text, i + 1);
    } else if (C1_STRINGS.has(code)) {
      i = skipString(text, i + 1);
    } else {
      if (!isInvisibleControl(code)) out += text[i];
      i += 1;
    }
  }
  return out;
}

function isInvisibleControl(code: number): boolean {
  if (code === 0x0a || code === 0x09) return false;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** `at` is just after ESC; returns the index after the whole sequence. */
function skipEscape(text: string, at: number): number {
  const next = text[at];
  if (next === undefined) return at;
  if (next === "[") return skipCsi(text, at + 1);
  if (ESC_STRINGS.has(next)) return skipString(text, at + 1);
  // nF escapes: intermediates 0x20–0x2F, then one final byte (ESC ( B, ESC c, ESC 7, …).
  let i = at;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i += 1;
  const final = text.charCodeAt(i);
  return final >= 0x30 && final <= 0x7e ? i + 1 : i;
}

/** Parameters and intermediates 0x20–0x3F, then a final byte 0x40–0x7E. */
function skipCsi(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x3f) i += 1;
  const final = text.charCodeAt(i);
  return final >= 0x40 && final <= 0x7e ? i + 1 : i;
}

/** Up to and including BEL, ST (0x9C) or ESC \ — or to the end. */
function skipString(text: string, at: number): number {
  for (let i = at; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === BEL || code === C1_ST) return i + 1;
    if (code === ESC && text[i + 1] === "\\") return i + 2;
  }
  return text.length;
}
