import { type StringScan, stringScanFor } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { AGENT_INJECTION_RULES } from "../agent-injection/rule-table.js";
import { scoreAgentInjection } from "../agent-injection/score-agent-injection.js";
import { classifierMatch, lazyModel } from "../classifier-match.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { PROMPT_INJECTION_RULES } from "./rules.js";

const RULES = compileRuleSet(PROMPT_INJECTION_RULES);

const model = lazyModel("prompt-injection");

/**
 * Prompt injection, direct (user turns) and indirect (instructions hidden in tool output: e-mails,
 * web pages, documents): phrase rules first; then the agent-injection score (signal families —
 * who the text addresses, overrides and authority claims, fake markers, hidden carriers, secrecy,
 * the action asked for — combined with the classifier, six languages); then the hashed n-gram
 * logistic-regression classifier alone, for what neither phrases.
 */
export const promptInjectionDetector: Detector = {
  id: "prompt_injection",
  version: "2.0.0",
  code: "agent_prompt_injection",
  defaultSeverity: "high",
  catches:
    "Instruction overrides (`ignore/disregard/forget … previous instructions|rules|prompt`, German `ignoriere/vergiss … Anweisungen`), requests for the system prompt, role hijacks (`you are now`, DAN/developer mode, jailbreak), chat-template delimiters (`<|im_start|>`, `[INST]`, `<<SYS>>`, `###(system_message)`, `<INFORMATION>`), agent-hijack phrasing used in tool outputs (`before you can solve the task…`, `IMPORTANT!!!`), requests to send secrets/data somewhere; instructions aimed at the agent in tool outputs, in English, German, Spanish, French, Portuguese and Italian (kind `prompt_injection.agent_directed`): text that addresses the model or assistant, overrides its instructions or claims authority or the user's consent, fake role / turn / section markers, instructions in HTML comments, hidden elements, attributes or JSON fields, requests for secrecy, and the action asked for (send, forward, export, transfer, delete, purchase, approve, run, reveal), scored together with the classifier so that no one signal blocks alone; plus a learned classifier (word uni+bigrams, logistic regression) for injection-like intent in English, including out-of-place tasks embedded in documents. With `scanValue`, also text disguised with look-alike or full-width letters, zero-width or bidi characters, leetspeak, or base64 / hex / percent encoding (findings carry `revealedBy`).",
  misses:
    "Out-of-place tasks that do not address the agent (`Also summarise this in French`, `What is the capital of Brazil?`) in long documents, where only the English classifier can help; injections in other languages than the six; polite requests that name neither the agent nor an action from the lists; instructions split across several fields; jailbreak role-play without markers. Text that quotes an attack verbatim (security write-ups) can still be flagged by the phrase rules; text that only names prompt injection is a hint below the default `min_confidence`.",
  detect(text: string, given?: StringScan): DetectorMatch[] {
    return detectInjection(text, given, true);
  },
};

/**
 * `prompt_injection` for what the agent writes (tool inputs): the phrase rules and the classifier
 * without the agent-injection score, which is about text the agent reads (tool outputs) and costs
 * the most. The guard runs this one on inputs and {@link promptInjectionDetector} on outputs.
 */
export const promptInjectionInputDetector: Detector = {
  ...promptInjectionDetector,
  detect(text: string, given?: StringScan): DetectorMatch[] {
    return detectInjection(text, given, false);
  },
};

function detectInjection(text: string, given: StringScan | undefined, agentScore: boolean): DetectorMatch[] {
  if (text.length < 8) return NO_MATCHES;
  const scan = stringScanFor(text, given);
  const out = RULES.run(text, scan);
  if (out.some((m) => m.confidence >= 0.5)) return out;
  const agent = agentScore ? agentMatch(text, given === undefined ? undefined : scan) : undefined;
  if (agent !== undefined) return [...out, agent];
  const m = model();
  const c = m ? classifierMatch(m, text, "prompt_injection.classifier", 16, true, scan.words) : undefined;
  return c ? [...out, c] : out;
}

const FAMILY_OF = new Map(AGENT_INJECTION_RULES.map((rule) => [rule.id, rule.family]));

/**
 * The agent-injection score as a match when it reaches its threshold (0.5 after calibration).
 * `scan` is the caller's prefilter value: given by `scanValue` (which also scans the string's
 * normalised views), absent for a direct call (the score then looks at the views itself).
 */
function agentMatch(text: string, scan: StringScan | undefined): DetectorMatch | undefined {
  const r = scoreAgentInjection(text, { scan });
  if (r === undefined || r.score < 0.5) return undefined;
  const families = [...new Set(r.signals.map((id) => FAMILY_OF.get(id)))];
  return {
    kind: "prompt_injection.agent_directed",
    start: r.start,
    end: r.end,
    confidence: r.score,
    severity: "high",
    message: `prompt_injection detector: instructions aimed at the agent (${families.join(", ")})`,
  };
}
