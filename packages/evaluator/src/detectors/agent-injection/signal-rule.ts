import type { RuleDoc } from "../rule-doc.js";

/** The signal families of an indirect injection; each becomes one feature of the combined score. */
export type SignalFamily =
  | "addressee"
  | "override"
  | "authority"
  | "marker"
  | "hidden"
  | "secrecy"
  | "action"
  | "target"
  | "mention";

/** Every family, in feature order. */
export const SIGNAL_FAMILIES: readonly SignalFamily[] = [
  "addressee",
  "override",
  "authority",
  "marker",
  "hidden",
  "secrecy",
  "action",
  "target",
  "mention",
];

/** Families that count as evidence for an injection (`mention` is evidence against: text about one). */
export const EVIDENCE_FAMILIES: readonly SignalFamily[] = SIGNAL_FAMILIES.filter((f) => f !== "mention");

/** Language a rule is written for; absent when the rule is language-neutral (markup, addresses). */
export type SignalLang = "en" | "de" | "es" | "fr" | "pt" | "it";

/** One signal rule: a documented, case-insensitive, Unicode-aware and linear-time regex. */
export interface SignalRule extends RuleDoc {
  /** Global, case-insensitive, Unicode regex (`giu`, plus `m` where a rule anchors to lines). */
  readonly re: RegExp;
  /**
   * True when every alternative of the pattern starts at a word start, and `re` leaves that check
   * to the caller ({@link isWordStart}): a leading lookbehind keeps V8 from scanning quickly.
   */
  readonly wordStart: boolean;
  readonly family: SignalFamily;
  readonly lang?: SignalLang;
  /**
   * A cheap, non-Unicode test that every match implies (e.g. "has a zero-width character"): the
   * rule's own Unicode regex runs only when it passes. For rules whose words yield no literal
   * prefilter (`required-literals.ts`).
   */
  readonly precheck?: RegExp;
  /**
   * The top-level alternatives of `re`, each compiled alone with its flags, when there are
   * several: a caller that knows some alternatives cannot match a string (their literals are
   * missing) runs the others with `matchAlternatives` and finds what `re` finds.
   */
  readonly alternatives?: readonly RegExp[];
}

const WORD_START = "(?<![\\p{L}\\p{N}_])";
const WORD_END = "(?![\\p{L}\\p{N}_])";

/** Splits a pattern at its top-level `|` (outside groups and classes). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(last, i));
      last = i + 1;
    }
  }
  out.push(source.slice(last));
  return out;
}

/** True when `text[index]` starts a word: the character before it is no letter, digit or `_`. */
export function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text.codePointAt(index - 1) ?? 0;
  const prev =
    before >= 0xdc00 && before < 0xe000 && index >= 2 ? (text.codePointAt(index - 2) ?? 0) : before;
  return !WORD_CHAR.test(String.fromCodePoint(prev));
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** The alternatives without their leading word-start marks, when every one has one. */
function stripLeadingWordStart(alternatives: readonly string[]): string[] | undefined {
  if (!alternatives.every((a) => a.startsWith("\\m"))) return undefined;
  return alternatives.map((a) => a.slice(2));
}

/**
 * Compiles a signal pattern. `\m` and `\M` stand for a word start and a word end in any script
 * (JS's `\b` only knows ASCII letters, so `\bété` would never match).
 */
export function signalRegex(source: string, multiline = false): RegExp {
  const expanded = source.replaceAll("\\m", WORD_START).replaceAll("\\M", WORD_END);
  return new RegExp(expanded, multiline ? "gimu" : "giu");
}

/** Builds a rule of `family` (the id gets the `agent_injection.` prefix). */
export function signal(
  family: SignalFamily,
  name: string,
  fields: {
    meaning: string;
    matches: string[];
    ignores: string[];
    lang?: SignalLang;
    multiline?: boolean;
    precheck?: RegExp;
  },
  source: string,
): SignalRule {
  const split = topLevelAlternatives(source);
  const stripped = stripLeadingWordStart(split);
  const alternatives = stripped ?? split;
  const multiline = fields.multiline === true;
  return {
    id: `agent_injection.${name}`,
    meaning: fields.meaning,
    matches: fields.matches,
    ignores: fields.ignores,
    re: signalRegex(alternatives.join("|"), multiline),
    wordStart: stripped !== undefined,
    family,
    ...(fields.lang === undefined ? {} : { lang: fields.lang }),
    ...(fields.precheck === undefined ? {} : { precheck: fields.precheck }),
    ...(alternatives.length < 2
      ? {}
      : { alternatives: alternatives.map((alternative) => signalRegex(alternative, multiline)) }),
  };
}

/** Joins alternatives into one non-capturing group. */
export function anyOf(words: readonly string[]): string {
  return `(?:${words.join("|")})`;
}
