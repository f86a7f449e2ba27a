import { type StringScan, stringScanFor } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { classifierMatch, lazyModel } from "../classifier-match.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { PROMPT_INJECTION_RULES } from "./rules.js";

const RULES = compileRuleSet(PROMPT_INJECTION_RULES);

const model = lazyModel("prompt-injection");

/**
 * Prompt injection, direct (user turns) and indirect (instructions hidden in tool output: e-mails,
 * web pages, documents): phrase rules first, then a hashed n-gram logistic-regression classifier
 * trained on the corpora's training splits for what the rules do not phrase.
 */
export const promptInjectionDetector: Detector = {
  id: "prompt_injection",
  version: "1.0.0",
  code: "agent_prompt_injection",
  defaultSeverity: "high",
  catches:
    "Instruction overrides (`ignore/disregard/forget … previous instructions|rules|prompt`, German `ignoriere/vergiss … Anweisungen`), requests for the system prompt, role hijacks (`you are now`, DAN/developer mode, jailbreak), chat-template delimiters (`<|im_start|>`, `[INST]`, `<<SYS>>`, `###(system_message)`, `<INFORMATION>`), agent-hijack phrasing used in tool outputs (`before you can solve the task…`, `IMPORTANT!!!`), requests to send secrets/data somewhere; plus a learned classifier (word uni+bigrams, logistic regression) that scores whole strings of 16+ characters for injection-like intent, including out-of-place tasks embedded in documents.",
  misses:
    "Injections in languages other than English/German, heavily obfuscated text (base64, leetspeak, homoglyphs, zero-width splits), instructions split across several fields, and benign-looking task injections (`Also summarise this in French`) embedded in long documents where the classifier score is diluted; hidden channels (images, HTML comments are text and are scanned, but CSS-hidden meaning is not rendered).",
  detect(text: string, given?: StringScan): DetectorMatch[] {
    if (text.length < 8) return NO_MATCHES;
    const scan = stringScanFor(text, given);
    const out = RULES.run(text, scan);
    if (out.length > 0) return out;
    const m = model();
    const c = m ? classifierMatch(m, text, "prompt_injection.classifier", 16, true, scan.words) : undefined;
    return c ? [c] : out;
  },
};
