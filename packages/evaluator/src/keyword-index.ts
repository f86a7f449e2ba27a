/**
 * The registry of literal needles of every compiled rule set, and the one Aho–Corasick automaton
 * over all of them (matched ASCII-case-insensitively; see `keyword-automaton.ts`). Needles are
 * registered while detectors are compiled; the automaton is rebuilt lazily when needles were
 * added. Nothing here depends on the strings scanned: what one string contains is a `StringScan`.
 */
import { buildKeywordAutomaton, type KeywordAutomaton } from "./keyword-automaton.js";

const needles: string[] = [];
const needleIds = new Map<string, number>();
let automaton: KeywordAutomaton | undefined;

/**
 * Registers needles (lower-case ASCII, optionally starting or ending with `WORD_BOUNDARY`) and
 * returns their ids.
 */
export function registerNeedles(list: readonly string[]): Int32Array {
  const ids = new Int32Array(list.length);
  list.forEach((n, i) => {
    let id = needleIds.get(n);
    if (id === undefined) {
      id = needles.length;
      needles.push(n);
      needleIds.set(n, id);
    }
    ids[i] = id;
  });
  return ids;
}

/** Number of needles registered so far (needle ids are `0 .. count - 1`). */
export function needleCount(): number {
  return needles.length;
}

/** The automaton of every needle registered so far (built again only after new registrations). */
export function needleAutomaton(): KeywordAutomaton {
  if (automaton?.count !== needles.length) automaton = buildKeywordAutomaton(needles);
  return automaton;
}

/**
 * Registers a requirement in disjunctive normal form (any conjunction of needles) and returns
 * its encoding for `requirementMet`: `[n, id1..idn, m, id1..idm, …]`.
 */
export function registerRequirement(dnf: readonly (readonly string[])[]): Int32Array {
  const out: number[] = [];
  for (const conj of dnf) out.push(conj.length, ...registerNeedles(conj));
  return Int32Array.from(out);
}
