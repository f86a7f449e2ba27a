/**
 * Derives, from a regex's source, literal requirements in disjunctive normal form: a list of
 * conjunctions of lower-case ASCII literals such that every match contains (case-insensitively)
 * all literals of at least one conjunction. Detectors use it to skip a regex cheaply when no
 * conjunction occurs in a string (see `keyword-index.ts`). Conservative: anything the analyser
 * does not understand yields "no requirement", never a wrong one.
 */
/** OR of ANDs of literals. */
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

interface Info {
  /** Every string the node can match, lower-cased, when that set is small and finite. */
  readonly exact?: ReadonlySet<string>;
  /** What every match of the node contains. */
  readonly required?: LiteralRequirement;
}

const MAX_TERMS = 256;
const MAX_PRODUCT = 160;

const MAX_EXACT = 24;
const NONE: Info = {};
const EMPTY: Info = { exact: new Set([""]) };
const BOUNDARY: Info = { exact: new Set([WORD_BOUNDARY]) };

const lower = (c: string) => (c >= "A" && c <= "Z" ? c.toLowerCase() : c);

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_EXACT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const blank = (x: string) => x.replaceAll(WORD_BOUNDARY, "").length === 0;

/** A requirement from an exact set: one literal each; none when some string is empty. */
function fromExact(s: ReadonlySet<string> | undefined): LiteralRequirement | undefined {
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
function weaken(r: LiteralRequirement): string[][] | undefined {
  const singles = new Set<string>();
  for (const c of r) singles.add(c.reduce((a, b) => (b.length > a.length ? b : a)));
  return singles.size <= 8 * MAX_TERMS ? [...singles].map((x) => [x]) : undefined;
}

/** AND of requirements, keeping the strongest ones while the product stays small. */
function conjoin(list: LiteralRequirement[]): LiteralRequirement | undefined {
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

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  parse(): Info {
    const info = this.alternation();
    if (this.i !== this.src.length) throw new Error("unbalanced");
    return info;
  }

  private alternation(): Info {
    const alts = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      alts.push(this.sequence());
    }
    if (alts.length === 1) return alts[0]!;
    let exact: Set<string> | undefined = new Set();
    let required: string[][] | undefined = [];
    for (const a of alts) {
      if (exact && a.exact) for (const s of a.exact) exact.add(s);
      else exact = undefined;
      const r = a.required ?? fromExact(a.exact);
      if (required && r) required.push(...r.map((c) => [...c]));
      else required = undefined;
    }
    if (exact && exact.size > MAX_EXACT) exact = undefined;
    if (required && required.length > MAX_TERMS) required = weaken(required);
    return { ...(exact ? { exact } : {}), ...(required ? { required } : {}) };
  }

  private sequence(): Info {
    let cur: Set<string> | undefined = new Set([""]);
    const parts: LiteralRequirement[] = [];
    const flush = () => {
      const r = fromExact(cur);
      if (r) parts.push(r);
    };
    let allExact = true;
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const item = this.quantified(this.atom());
      if (item.exact) {
        const next: Set<string> | undefined = cur ? product(cur, item.exact) : undefined;
        if (next) cur = next;
        else {
          flush();
          cur = new Set(item.exact);
          allExact = false;
        }
      } else {
        flush();
        if (item.required) parts.push(item.required);
        cur = new Set([""]);
        allExact = false;
      }
    }
    flush();
    const required = conjoin(parts);
    if (allExact && cur) return { exact: cur, ...(required ? { required } : {}) };
    return required ? { required } : NONE;
  }

  private quantified(atom: Info): Info {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Number.POSITIVE_INFINITY;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
    } else return atom;
    if (this.src[this.i] === "?") this.i++;
    if (min === 0 && max === 1 && atom.exact && atom.exact.size < MAX_EXACT)
      return { exact: new Set([...atom.exact, ""]) };
    if (min === 0) return NONE;
    if (min === 1 && max === 1) return atom;
    const r = atom.required ?? fromExact(atom.exact);
    return r ? { required: r } : NONE;
  }

  private atom(): Info {
    const c = this.src[this.i++]!;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    if (c === "^" || c === "$") return EMPTY;
    if (c === "." || c === WORD_BOUNDARY) return NONE;
    return { exact: new Set([lower(c)]) };
  }

  private group(): Info {
    let zeroWidth = false;
    if (this.src.startsWith("?:", this.i)) this.i += 2;
    else if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3))) {
      zeroWidth = true;
      this.i += this.src[this.i + 1] === "<" ? 3 : 2;
    } else if (this.src.startsWith("?<", this.i)) {
      this.i = this.src.indexOf(">", this.i) + 1;
    }
    const inner = this.alternation();
    if (this.src[this.i] !== ")") throw new Error("unbalanced group");
    this.i++;
    return zeroWidth ? EMPTY : inner;
  }

  private charClass(): Info {
    const start = this.i;
    const chars: string[] = [];
    let plain = this.src[this.i] !== "^";
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      const c = this.src[this.i++]!;
      if (c === "\\") {
        const e = this.src[this.i++]!;
        if (/[dDwWsSbBpPux0-9c]/.test(e)) plain = false;
        else chars.push(e);
      } else if (c === "-" && this.i - 1 > start && this.src[this.i] !== "]") plain = false;
      else chars.push(c);
    }
    this.i++;
    const folded = new Set(chars.map(lower));
    return plain && folded.size === 1 ? { exact: folded } : NONE;
  }

  private escape(): Info {
    const e = this.src[this.i++]!;
    if (e === "b") return BOUNDARY;
    if (e === "B") return EMPTY;
    if (/[dDwWsSpPk1-9]/.test(e)) {
      if ((e === "p" || e === "P") && this.unicode) this.i = this.src.indexOf("}", this.i) + 1;
      if (e === "k") this.i = this.src.indexOf(">", this.i) + 1;
      return NONE;
    }
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", "0": "\0" };
    if (simple[e] !== undefined) return { exact: new Set([simple[e]]) };
    if (e === "x" || e === "u" || e === "c") {
      // Skip the escape's operand so that it is not read as literals.
      const rest = this.src.slice(this.i);
      const m =
        e === "x"
          ? /^[0-9a-fA-F]{2}/.exec(rest)
          : e === "c"
            ? /^[A-Za-z]/.exec(rest)
            : /^(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(rest);
      if (m) this.i += m[0].length;
      return NONE;
    }
    return { exact: new Set([lower(e)]) };
  }
}

/**
 * Literal requirement of `re` (see {@link LiteralRequirement}), or `undefined` when no useful
 * requirement can be derived.
 */
export function requiredLiterals(re: RegExp): LiteralRequirement | undefined {
  let info: Info;
  try {
    info = new Parser(re.source, re.unicode || re.flags.includes("v")).parse();
  } catch {
    return undefined;
  }
  const raw = info.required ?? fromExact(info.exact);
  if (!raw || raw.length === 0) return undefined;
  const req: string[][] = [];
  for (const c of raw) {
    const kept = c.map(normalizeBoundaries).filter((x) => x.length > 0);
    if (kept.length === 0) return undefined;
    req.push(kept);
  }
  // Non-ASCII literals would need Unicode case folding; the rule then simply runs ungated.
  if (!req.every((c) => c.every((x) => /^[\uE000\x20-\x7e\n\r\t]+$/.test(x)))) return undefined;
  // Single characters (":", "a") occur in almost every string and cost more to track than they
  // save; dropping a literal from a conjunction only weakens the requirement, so it stays sound.
  // Newlines are the exception (many command rules span two lines; prose often has none).
  // Two-character literals stay: alone they are weak, but they narrow a conjunction cheaply.
  const useful = (x: string) => x === "\n" || x.replaceAll(WORD_BOUNDARY, "").length >= 2;
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const c of req) {
    const long = c.filter(useful);
    const kept = long.length > 0 ? long : [c.reduce((a, b) => (b.length > a.length ? b : a))];
    const key = [...kept].sort().join("\0");
    if (!seen.has(key)) {
      seen.add(key);
      out.push(kept);
    }
  }
  // A conjunction that implies another adds nothing to the OR (absorption): every literal of the
  // other occurs wherever it does (`\ue000kill\ue000` implies `\ue000kill` and `kill`).
  const weaker = (d: readonly string[], c: readonly string[]) => d.every((y) => c.some((x) => implies(x, y)));
  // Only a conjunction whose first literal has the core of one of c's literals can be implied by
  // c: index them by that core, so that large alternations are not compared pair by pair.
  const byFirstCore = new Map<string, number[]>();
  out.forEach((d, j) => {
    const core = d[0]!.replaceAll(WORD_BOUNDARY, "");
    const list = byFirstCore.get(core);
    if (list === undefined) byFirstCore.set(core, [j]);
    else list.push(j);
  });
  return out.filter((c, i) => {
    for (const x of c)
      for (const j of byFirstCore.get(x.replaceAll(WORD_BOUNDARY, "")) ?? []) {
        const d = out[j]!;
        if (j !== i && weaker(d, c) && (!weaker(c, d) || j < i)) return false;
      }
    return true;
  });
}

/** ASCII code → 1 for letters, digits and `_` (what `\b` sees as word characters), else 0. */
export const ASCII_WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD_CHAR[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * Keeps a boundary marker only at the start or end of a literal and only next to an ASCII word
 * character (the one place the keyword index can check it); a literal of markers alone is "".
 */
function normalizeBoundaries(literal: string): string {
  const core = literal.replaceAll(WORD_BOUNDARY, "");
  if (core.length === 0 || core.length === literal.length) return core;
  const lead = literal.startsWith(WORD_BOUNDARY) && ASCII_WORD_CHAR[core.charCodeAt(0)] === 1;
  const trail = literal.endsWith(WORD_BOUNDARY) && ASCII_WORD_CHAR[core.charCodeAt(core.length - 1)] === 1;
  return `${lead ? WORD_BOUNDARY : ""}${core}${trail ? WORD_BOUNDARY : ""}`;
}

/** True when every occurrence of literal `x` is also an occurrence of literal `y`. */
function implies(x: string, y: string): boolean {
  if (x === y) return true;
  // Same core and more boundary marks: `x` is strictly longer. (This runs for every pair of
  // conjunctions of a large alternation at startup; the length test settles almost all of them.)
  if (x.length <= y.length || x.length > y.length + 2) return false;
  const core = y.replaceAll(WORD_BOUNDARY, "");
  if (x.replaceAll(WORD_BOUNDARY, "") !== core) return false;
  return (
    (!y.startsWith(WORD_BOUNDARY) || x.startsWith(WORD_BOUNDARY)) &&
    (!y.endsWith(WORD_BOUNDARY) || x.endsWith(WORD_BOUNDARY))
  );
}
