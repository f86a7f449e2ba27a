// The algebra of literal requirements (see `required-literals.ts`): what a regex node can match
// exactly, what every match of it contains, and how sequences and alternations combine them.

/**
 * OR of ANDs of lower-case ASCII literals: every match contains (case-insensitively) all literals
 * of at least one conjunction.
 */
export type LiteralRequirement = readonly (readonly string[])[];

/**
 * Marks a word boundary (`\b`) at the start or end of a literal: `"\uE000rm"` is `rm` where the
 * character before it is not an ASCII word character (or the text starts there). The keyword
 * index checks it at each occurrence, so that `\brm\s` no longer wakes on every `form`. It is
 * kept only next to an ASCII word character (a private-use character, so it never collides with a
 * needle's own characters, which are ASCII); everywhere else it is dropped (a weaker, still sound
 * requirement).
 */
export const WORD_BOUNDARY = "\uE000";

/** What the analyser knows about one regex node. */
export interface LiteralInfo {
  /** Every string the node can match, lower-cased, when that set is small and finite. */
  readonly exact?: ReadonlySet<string>;
  /** What every match of the node contains. */
  readonly required?: LiteralRequirement;
}

/** Most conjunctions an alternation keeps before {@link weaken} reduces them. */
export const MAX_TERMS = 256;
const MAX_PRODUCT = 160;

/** Largest exact set tracked for a node; beyond it only requirements are kept. */
export const MAX_EXACT = 24;
/** Nothing known (`.`, `\d`, an unknown construct). */
export const NONE: LiteralInfo = {};
/** Matches only the empty string (anchors, lookarounds). */
export const EMPTY: LiteralInfo = { exact: new Set([""]) };
/** `\b`: a word-boundary mark. */
export const BOUNDARY: LiteralInfo = { exact: new Set([WORD_BOUNDARY]) };

/** Lower-cases an ASCII letter, leaves any other character. */
export const lower = (c: string): string => (c >= "A" && c <= "Z" ? c.toLowerCase() : c);

/** Every concatenation of a string of `a` with one of `b`, unless there would be too many. */
export function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_EXACT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const blank = (x: string) => x.replaceAll(WORD_BOUNDARY, "").length === 0;

/** A requirement from an exact set: one literal each; none when some string is empty. */
export function fromExact(s: ReadonlySet<string> | undefined): LiteralRequirement | undefined {
  if (!s || s.size === 0) return undefined;
  const out: string[][] = [];
  for (const x of s) {
    if (blank(x)) return undefined;
    out.push([x]);
  }
  return out;
}

/**
 * How rare a literal is, in characters: a word-boundary mark adds a quarter of one (`\bto\b` is
 * still common English, rarer than `to` but far from `data`).
 */
function selectivity(literal: string): number {
  let n = 0;
  for (const c of literal) n += c === WORD_BOUNDARY ? 0.25 : 1;
  return n;
}

/** Characters every match must contain, for the weakest conjunction: a selectivity score. */
function strength(r: LiteralRequirement): number {
  let min = Number.POSITIVE_INFINITY;
  for (const c of r)
    min = Math.min(
      min,
      c.reduce((n, x) => n + selectivity(x), 0),
    );
  return min - r.length / 100;
}

/** Drops all but the longest literal of each conjunction, for alternations with many branches. */
export function weaken(r: LiteralRequirement): string[][] | undefined {
  const singles = new Set<string>();
  for (const c of r) singles.add(c.reduce((a, b) => (b.length > a.length ? b : a)));
  return singles.size <= 8 * MAX_TERMS ? [...singles].map((x) => [x]) : undefined;
}

/** AND of requirements, keeping the strongest ones while the product stays small. */
export function conjoin(list: LiteralRequirement[]): LiteralRequirement | undefined {
  const sorted = [...list].sort((x, y) => strength(y) - strength(x));
  let acc: LiteralRequirement | undefined;
  for (const r of sorted) {
    if (!acc) {
      acc = r;
      continue;
    }
    if (acc.length * r.length > MAX_PRODUCT) continue;
    const next: string[][] = [];
    for (const x of acc) for (const y of r) next.push([...new Set([...x, ...y])]);
    acc = next;
  }
  return acc;
}

/** ASCII code → 1 for letters, digits and `_` (what `\b` sees as word characters), else 0. */
export const ASCII_WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD_CHAR[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;
