import type { Detector, DetectorMatch } from "../types.js";
import { classifierMatch, lazyModel } from "./classifier-match.js";
import { compileRuleSet, NO_MATCHES, type PatternRule } from "./rule-set.js";

/** Direct threats and self-harm incitement; everything else is left to the classifier. */
export const TOXICITY_RULES: readonly PatternRule[] = [
  {
    kind: "toxic_content.threat",
    re: /\b(?:i(?:'m| am)?\s+(?:going\s+to|gonna|will)\s+(?:kill|murder|rape|hurt|shoot|stab|beat)\s+(?:you|u|him|her|them|your)|kill\s+yourself|go\s+die|kys)\b/gi,
    severity: "high",
    confidence: 0.9,
  },
  {
    kind: "toxic_content.abuse",
    re: /\b(?:you(?:'re|\s+are)\s+(?:a\s+|an\s+)?(?:worthless|pathetic|disgusting)\s+(?:piece\s+of\s+(?:shit|garbage|trash)|idiot|moron|loser)|f+u+c+k\s+(?:you|off)|piece\s+of\s+shit)\b/gi,
    severity: "medium",
    confidence: 0.8,
  },
];

const RULES = compileRuleSet(TOXICITY_RULES);

const model = lazyModel("toxicity");

/**
 * Toxic content: direct threats, self-harm incitement and abuse phrases by rule, plus a learned
 * classifier (hashed n-grams, logistic regression) for hateful and toxic language.
 */
export const toxicContentDetector: Detector = {
  id: "toxic_content",
  version: "1.0.0",
  code: "agent_toxic_content",
  defaultSeverity: "medium",
  catches:
    "Direct threats (`I will kill you`), incitement to self-harm (`kill yourself`, `kys`), stock abuse phrases; and, through the classifier trained on HateCheck and Surge AI toxicity (training splits), hateful statements about protected groups, slurs, dehumanising comparisons and toxic insults in English.",
  misses:
    "Non-English text; sarcasm and implicit hate without telltale words; reclaimed slurs and counter-speech that quotes hate (often flagged: a known over-trigger); long texts where one toxic sentence is diluted; violent but non-toxic content (news, history) is deliberately not flagged by keyword.",
  detect(text: string): DetectorMatch[] {
    if (text.length < 4) return NO_MATCHES;
    const out = RULES.run(text);
    if (out.length > 0) return out;
    const m = model();
    const c = m ? classifierMatch(m, text, "toxic_content.classifier", 8) : undefined;
    return c ? [c] : out;
  },
};
