/**
 * Derives, from a regex's source, literal requirements in disjunctive normal form: a list of
 * conjunctions of lower-case ASCII literals such that every match contains (case-insensitively)
 * all literals of at least one conjunction. Detectors use it to skip a regex cheaply when no
 * conjunction occurs in a string (see `keyword-index.ts`). Conservative: anything the analyser
 * does not understand yields "no requirement", never a wrong one.
 */
import {
  ASCII_WORD_CHAR,
  fromExact,
  type LiteralInfo,
  type LiteralRequirement,
  WORD_BOUNDARY,
} from "./literal-requirement.js";
import { RegexLiteralParser } from "./regex-literal-parser.js";

/**
 * Literal requirement of `re` (see {@link LiteralRequirement}), or `undefined` when no useful
 * requirement can be derived.
 */
export function requiredLiterals(re: RegExp): LiteralRequirement | undefined {
  let info: LiteralInfo;
  try {
    info = new RegexLiteralParser(re.source, re.unicode || re.flags.includes("v")).parse();
  } catch {
    return undefined;
  }
  const raw = info.required ?? fromExact(info.exact);
  if (!raw || raw.length === 0) return undefined;
  const req: string[][] = [];
  for (const c of raw) {
    // Non-ASCII characters would need Unicode case folding: a literal keeps its ASCII runs, each
    // of which every match contains too (`übergeh` requires `bergeh`).
    const kept = c
      .flatMap(asciiRuns)
      .map(normalizeBoundaries)
      .filter((x) => x.length > 0);
    if (kept.length === 0) return undefined;
    req.push(kept);
  }
  // Single characters (":", "a") occur in almost every string and cost more to track than they
  // save; dropping a literal from a conjunction only weakens the requirement, so it stays sound.
  // Newlines are the exception (many command rules span two lines; prose often has none).
  // Two-character literals stay: alone they are weak, but they narrow a conjunction cheaply.
  // A conjunction of single characters only would be met by almost any string while its needles
  // wake the keyword pass every few characters: the regex gets no requirement instead.
  const useful = (x: string) => x === "\n" || x.replaceAll(WORD_BOUNDARY, "").length >= 2;
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const c of req) {
    const kept = c.filter(useful);
    if (kept.length === 0) return undefined;
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

/** The runs of `literal` between non-ASCII characters (a word-boundary mark counts as ASCII). */
function asciiRuns(literal: string): string[] {
  return literal.split(/[^\uE000\x20-\x7e\n\r\t]+/).filter((x) => x.length > 0);
}
