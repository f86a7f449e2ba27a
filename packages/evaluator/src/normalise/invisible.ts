/** What the folded view does with a code point: keep it, drop it, or (tag characters) decode it. */
export const KEEP = -1;
/** Drop the code point: it renders as nothing. */
export const DROP = -2;

const TAG_BASE = 0xe0000;

/**
 * Classifies one code point for the folded view: {@link KEEP}, {@link DROP} (zero-width and
 * joiner characters, soft hyphen, bidi controls, variation selectors, fillers) or, for a tag
 * character U+E0020–E007E, the ASCII code it carries (ASCII smuggling). Other tag characters
 * (language tag, cancel tag) are dropped.
 */
export function classifyInvisible(cp: number): number {
  if (cp < 0xad) return KEEP;
  if (cp >= TAG_BASE) {
    if (cp <= 0xe007f) return cp >= 0xe0020 && cp <= 0xe007e ? cp - TAG_BASE : DROP;
    return cp >= 0xe0100 && cp <= 0xe01ef ? DROP : KEEP;
  }
  return isInvisibleBmp(cp) ? DROP : KEEP;
}

/** True for a tag character (U+E0000–E007F). */
export function isTagChar(cp: number): boolean {
  return cp >= TAG_BASE && cp <= 0xe007f;
}

function isInvisibleBmp(cp: number): boolean {
  switch (cp) {
    case 0x00ad: // soft hyphen
    case 0x034f: // combining grapheme joiner
    case 0x061c: // Arabic letter mark
    case 0x115f: // Hangul fillers
    case 0x1160:
    case 0x17b4: // Khmer inherent vowels
    case 0x17b5:
    case 0x3164:
    case 0xfeff: // BOM / zero-width no-break space
    case 0xffa0:
      return true;
  }
  return (
    (cp >= 0x180b && cp <= 0x180f) || // Mongolian variation selectors and vowel separator
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, LRM, RLM
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    (cp >= 0x2066 && cp <= 0x206f) || // bidi isolates, deprecated format characters
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xfff9 && cp <= 0xfffb) // interlinear annotation
  );
}
