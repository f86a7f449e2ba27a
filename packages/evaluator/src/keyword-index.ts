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
 * its encoding for `requirementMet`. The conjunctions are grouped under a key needle that each
 * of them contains, chosen greedily (the needle shared by most conjunctions first), so that a
 * string without the key skips the whole group with one look:
 * `[key, end, n, id1..idn, m, id1..idm, …, key, end, …]`, where `end` is the index after the
 * group and each conjunction lists its needles other than the key.
 */
export function registerRequirement(dnf: readonly (readonly string[])[]): Int32Array {
  if (dnf.some((conj) => conj.length === 0)) {
    throw new TypeError("registerRequirement: a conjunction with no needle (it would always be met)");
  }
  let left = dnf.map((conj) => [...new Set(registerNeedles(conj))]);
  const out: number[] = [];
  while (left.length > 0) {
    const key = mostShared(left);
    const group = left.filter((conj) => conj.includes(key));
    left = left.filter((conj) => !conj.includes(key));
    const start = out.length;
    out.push(key, 0);
    for (const conj of group) {
      const rest = conj.filter((id) => id !== key);
      out.push(rest.length, ...rest);
    }
    out[start + 1] = out.length;
  }
  return Int32Array.from(out);
}

/** The needle in most of `conjunctions` (of those, the first to reach that count). */
function mostShared(conjunctions: readonly (readonly number[])[]): number {
  const counts = new Map<number, number>();
  let best = -1;
  let bestCount = 0;
  for (const conj of conjunctions)
    for (const id of conj) {
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      if (count > bestCount) {
        best = id;
        bestCount = count;
      }
    }
  return best;
}

/** The key needles of an encoded requirement: a string that meets it contains one of them. */
export function requirementKeys(encoded: Int32Array): number[] {
  const keys: number[] = [];
  for (let i = 0; i < encoded.length; i = encoded[i + 1]!) keys.push(encoded[i]!);
  return keys;
}
