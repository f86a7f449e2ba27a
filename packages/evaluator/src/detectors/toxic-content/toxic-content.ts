import { type StringScan, stringScanFor } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { classifierMatch, lazyModel } from "../classifier-match.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { TOXICITY_RULES } from "./rules.js";

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
  detect(text: string, given?: StringScan): DetectorMatch[] {
    if (text.length < 4) return NO_MATCHES;
    const scan = stringScanFor(text, given);
    const out = RULES.run(text, scan);
    if (out.length > 0) return out;
    const m = model();
    const c = m ? classifierMatch(m, text, "toxic_content.classifier", 8, false, scan.words) : undefined;
    return c ? [c] : out;
  },
};
