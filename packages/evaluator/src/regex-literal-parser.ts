import {
  BOUNDARY,
  conjoin,
  EMPTY,
  fromExact,
  type LiteralInfo,
  type LiteralRequirement,
  lower,
  MAX_EXACT,
  MAX_TERMS,
  NONE,
  product,
  WORD_BOUNDARY,
  weaken,
} from "./literal-requirement.js";

/**
 * A recursive-descent reader of a regex source that works out, for each node, what it matches
 * exactly or what every match contains. It throws on sources it cannot balance; callers treat
 * that as "no requirement".
 */
export class RegexLiteralParser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  parse(): LiteralInfo {
    const info = this.alternation();
    if (this.i !== this.src.length) throw new Error("unbalanced");
    return info;
  }

  private alternation(): LiteralInfo {
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

  private sequence(): LiteralInfo {
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

  private quantified(atom: LiteralInfo): LiteralInfo {
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

  private atom(): LiteralInfo {
    const c = this.src[this.i++]!;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    if (c === "^" || c === "$") return EMPTY;
    if (c === "." || c === WORD_BOUNDARY) return NONE;
    return { exact: new Set([lower(c)]) };
  }

  private group(): LiteralInfo {
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

  private charClass(): LiteralInfo {
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

  private escape(): LiteralInfo {
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
