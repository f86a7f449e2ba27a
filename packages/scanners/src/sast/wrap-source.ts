/** One way to present a source text to the parser, and how its line numbers map back. */
export interface SourceCandidate {
  readonly text: string;
  /** Lines added before the original source (subtract from reported lines). */
  readonly lineOffset: number;
}

/**
 * The ways to parse a source, tried in order until one parses: as a module; as a function
 * expression (what `handler.toString()` gives: `async (args) => …`, `function (x) { … }`); as an
 * object method (`async handler(args) { … }`). The prefix sits on its own line, so columns are kept.
 */
export function sourceCandidates(source: string): readonly SourceCandidate[] {
  return [
    { text: source, lineOffset: 0 },
    { text: `const __sec0_handler = (\n${source}\n);\n`, lineOffset: 1 },
    { text: `const __sec0_handler = {\n${source}\n};\n`, lineOffset: 1 },
  ];
}

/** A line of a candidate mapped back into the original source (clamped to its lines). */
export function originalLine(line: number, candidate: SourceCandidate, source: string): number {
  const lines = source.split("\n").length;
  return Math.min(Math.max(line - candidate.lineOffset, 1), lines);
}
