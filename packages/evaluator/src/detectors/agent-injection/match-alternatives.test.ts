import { describe, expect, it } from "vitest";
import { matchAlternatives, matchRule, type SignalHit } from "./match-rules.js";
import { AGENT_INJECTION_RULES } from "./rule-table.js";
import { type SignalRule, signal } from "./signal-rule.js";

const whole = (text: string, rule: SignalRule): SignalHit[] => {
  const out: SignalHit[] = [];
  matchRule(text, rule, 0, out);
  return out;
};

const split = (text: string, rule: SignalRule, alternatives: readonly RegExp[]): SignalHit[] => {
  const out: SignalHit[] = [];
  matchAlternatives(text, rule, alternatives, 0, out);
  return out;
};

/** The alternatives that match somewhere in `text`: the others may be left out. */
const matching = (text: string, rule: SignalRule): RegExp[] =>
  (rule.alternatives ?? []).filter((re) => {
    re.lastIndex = 0;
    const found = re.test(text);
    re.lastIndex = 0;
    return found;
  });

// Every rule's own examples, and pairs of them joined in both orders (so that the alternatives'
// matches interleave), with prose between them and at word-start edges.
const texts = (rule: SignalRule): string[] => {
  const examples = [...rule.matches, ...rule.ignores];
  const out = [...examples];
  for (let i = 0; i < examples.length; i++) {
    const next = examples[(i + 1) % examples.length]!;
    out.push(`${examples[i]} ${next}`, `${next}. Also: ${examples[i]}!`, `x${examples[i]}`);
  }
  return out;
};

describe("matchAlternatives", () => {
  const rules = AGENT_INJECTION_RULES.filter((rule) => rule.alternatives !== undefined);

  it("splits most rules: the alternatives are the top-level branches of the pattern", () => {
    expect(rules.length).toBeGreaterThan(20);
    const rule = signal("secrecy", "t", { meaning: "m", matches: [], ignores: [] }, "\\ma(?:b|c)\\M|\\md");
    expect(rule.alternatives?.map((re) => re.source)).toEqual(["a(?:b|c)(?![\\p{L}\\p{N}_])", "d"]);
    expect(rule.alternatives?.every((re) => re.flags === rule.re.flags)).toBe(true);
  });

  it("finds what the whole regex finds, with every alternative or only those that match", () => {
    for (const rule of rules)
      for (const text of texts(rule)) {
        const expected = whole(text, rule);
        expect(split(text, rule, rule.alternatives!), `${rule.id}: ${text}`).toEqual(expected);
        expect(split(text, rule, matching(text, rule)), `${rule.id}: ${text}`).toEqual(expected);
      }
  });

  it("takes the earlier alternative where two start at one place, and skips non-word starts", () => {
    const rule = signal(
      "secrecy",
      "t",
      { meaning: "m", matches: [], ignores: [] },
      "\\mkeep\\s+quiet|\\mkeep\\s+quiet\\s+now|\\mquiet",
    );
    for (const text of ["keep quiet now", "upkeep quiet", "quietly keep quiet, quiet", "", "keepquiet"]) {
      expect(split(text, rule, rule.alternatives!), text).toEqual(whole(text, rule));
    }
    expect(split("keep quiet now", rule, rule.alternatives!)).toEqual([{ rule: 0, start: 0, end: 10 }]);
  });

  it("stops at the same number of hits per rule as matchRule", () => {
    const rule = signal("secrecy", "t", { meaning: "m", matches: [], ignores: [] }, "\\msilently|\\mquietly");
    const text = "silently quietly ".repeat(40);
    const hits = split(text, rule, rule.alternatives!);
    expect(hits).toEqual(whole(text, rule));
    expect(hits.length).toBe(32);
  });
});

describe("a word-start rule whose match begins with an astral character after a letter", () => {
  // Before the fix both matchers retried one code unit later, which a Unicode regex moves back to
  // the start of the surrogate pair: the same match, forever. No shipped rule starts with an
  // atom that matches an astral character, but a maintainer's new rule could (a hang on output).
  const rule = signal("secrecy", "t", { meaning: "m", matches: [], ignores: [] }, "\\m\\p{So}x|\\mquiet");
  const text = "a\u{1F600}x quiet \u{1F600}x";

  it("moves past it in matchRule", () => {
    expect(whole(text, rule)).toEqual([
      { rule: 0, start: 5, end: 10 },
      { rule: 0, start: 11, end: 14 },
    ]);
  });

  it("moves past it in matchAlternatives", () => {
    expect(split(text, rule, rule.alternatives!)).toEqual(whole(text, rule));
  });
});
