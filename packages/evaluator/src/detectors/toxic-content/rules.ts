// Data: the rules of the `toxic_content` detector (`toxic-content.ts` runs them); each rule carries its id, meaning and examples.
import type { DocumentedRule } from "../rule-set.js";

/** Direct threats and self-harm incitement; everything else is left to the classifier. */
export const TOXICITY_RULES: readonly DocumentedRule[] = [
  {
    id: "toxic_content.threat",
    meaning: "A direct threat of violence, or an incitement to self-harm.",
    matches: ["I will hurt you."],
    ignores: ["beat me to it"],
    kind: "toxic_content.threat",
    re: /\b(?:i(?:'m| am)?\s+(?:going\s+to|gonna|will)\s+(?:kill|murder|rape|hurt|shoot|stab|beat)\s+(?:you|u|him|her|them|your)|kill\s+yourself|go\s+die|kys)\b/gi,
    severity: "high",
    confidence: 0.9,
  },
  {
    id: "toxic_content.abuse",
    meaning: "A stock abuse phrase aimed at the reader.",
    matches: ["You should fuck off forever."],
    ignores: ["That is a piece of cake."],
    kind: "toxic_content.abuse",
    re: /\b(?:you(?:'re|\s+are)\s+(?:a\s+|an\s+)?(?:worthless|pathetic|disgusting)\s+(?:piece\s+of\s+(?:shit|garbage|trash)|idiot|moron|loser)|f+u+c+k\s+(?:you|off)|piece\s+of\s+shit)\b/gi,
    severity: "medium",
    confidence: 0.8,
  },
];
