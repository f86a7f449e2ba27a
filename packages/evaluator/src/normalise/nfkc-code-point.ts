const STABLE = 1;
const CHANGES = 2;

/** Per BMP code unit: whether NFKC leaves the code point alone (filled lazily). */
const BMP_STATE = new Uint8Array(0x10000);
const BMP_FORMS = new Map<number, string>();
/** Astral code points seen so far (mathematical alphanumerics, tag characters …), bounded. */
const ASTRAL_FORMS = new Map<number, string>();
const MAX_ASTRAL = 4096;

/**
 * NFKC of the single code point `cp`, or undefined when NFKC leaves it unchanged. Results are
 * cached per code point, so a string of many non-ASCII characters costs one table look-up each.
 */
export function nfkcOf(cp: number): string | undefined {
  if (cp < 0x80) return undefined;
  if (cp <= 0xffff) {
    const state = BMP_STATE[cp]!;
    if (state === STABLE) return undefined;
    if (state === CHANGES) return BMP_FORMS.get(cp);
    const ch = String.fromCharCode(cp);
    const norm = ch.normalize("NFKC");
    BMP_STATE[cp] = norm === ch ? STABLE : CHANGES;
    if (norm === ch) return undefined;
    BMP_FORMS.set(cp, norm);
    return norm;
  }
  let norm = ASTRAL_FORMS.get(cp);
  if (norm === undefined) {
    const ch = String.fromCodePoint(cp);
    const form = ch.normalize("NFKC");
    norm = form === ch ? "" : form;
    if (ASTRAL_FORMS.size >= MAX_ASTRAL) ASTRAL_FORMS.clear();
    ASTRAL_FORMS.set(cp, norm);
  }
  return norm === "" ? undefined : norm;
}
