import type { Detector, DetectorMatch } from "../types.js";
import { classifierMatch, lazyModel } from "./classifier-match.js";
import { compileRuleSet, NO_MATCHES, type PatternRule } from "./rule-set.js";

const r = (kind: string, re: RegExp, confidence: number): PatternRule => ({
  kind: `prompt_injection.${kind}`,
  re,
  severity: "high",
  confidence,
});

/** Rules for phrasings that are injections in almost any context (English and German). */
export const PROMPT_INJECTION_RULES: readonly PatternRule[] = [
  r(
    "override",
    /\b(?:ignore|disregard|forget|bypass|override|overrule|skip|abandon|drop)\b[\s,]+(?:(?:all|any|every|each|the|your|my|these|those|of|previous|prior|above|earlier|preceding|initial|original|system|current|existing|safety|other)\s+){0,4}(?:\w*struct\w*|rules|prompts?|directions|directives|guidelines|guardrails|restrictions|constraints|commands|context|programming|orders|messages|text|policies)\b/gi,
    0.9,
  ),
  r(
    "override",
    /\b(?:ignorier(?:e|en)?|vergiss|vergessen\s+sie|missachte)\b[^.!?\n]{0,40}\b(?:anweisungen|instruktionen|befehle|regeln|vorgaben|aufgaben|alles)\b/gi,
    0.85,
  ),
  r(
    "tool_hijack",
    /(?:^|[.,;:]\s*|(?<![\n.,;:]\s*?)\n\s*)TODO:\s*(?:please\s+)?(?:send|e-?mail|delete|remove|create|transfer|invite|visit|make|say|get|post|forward|change|modify|update|pay|book|reserve|share|upload|download|add|give|tell)\b/gim,
    0.7,
  ),
  r(
    "override",
    /\b(?:new|updated|real|actual)\s+instructions?\s*:|\binstead,?\s+(?:you\s+(?:must|should|will)|do)\b|\bdo\s+.{1,80}\binstead\b\.?$/gim,
    0.6,
  ),
  r(
    "system_prompt_leak",
    /\b(?:reveal|show|print|repeat|output|display|tell\s+me|give\s+me|what\s+(?:is|are|was))\b[^.!?\n]{0,30}\b(?:your|the)\s+(?:system|hidden|initial|original|secret|first)\s+(?:prompt|instructions?|message|rules)\b|\b(?:begin|show)\s+(?:system|hidden)\s+prompt\b/gi,
    0.85,
  ),
  r(
    "role_hijack",
    /\byou\s+are\s+now\s+(?:a|an|in|my|the|going)\b|\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must)\b|\b(?:developer|god|jailbreak|dan|unrestricted|evil)\s+mode\b|\bdo\s+anything\s+now\b|\bjailbroken\b|\bpretend\s+(?:to\s+be|you\s+are)\b[^.!?\n]{0,60}\b(?:no|without)\s+(?:rules|restrictions|limits|filters)\b/gi,
    0.8,
  ),
  r(
    "delimiter",
    /<\|?im_(?:start|end)\|?>|<\/?(?:system|sys)>|\[\/?INST\]|<<\/?SYS>>|###\s*\(?\s*(?:system|instruction)s?(?:_message)?\s*\)?|\(system_message\)|<INFORMATION>|\bEND\s+OF\s+(?:USER\s+)?(?:INPUT|PROMPT|CONTEXT)\b/g,
    0.75,
  ),
  r(
    "tool_hijack",
    /\b(?:this\s+is\s+an?\s+important\s+message\s+from\s+me|before\s+you\s+(?:can\s+)?(?:solve|do|complete|continue)\s+(?:the|your|this)\s+task|after\s+you\s+do\s+that,?\s+you\s+can\s+solve\s+the\s+task|IMPORTANT!{2,})/gi,
    0.85,
  ),
  r(
    "exfiltration_request",
    /\b(?:exfiltrate|leak|send|share|forward|post|upload|e-?mail)\b\s+(?:me\s+|us\s+)?(?:all\s+|the\s+|your\s+|any\s+|every\s+)*(?:data|secrets?|api\s*keys?|keys|passwords?|credentials|tokens?|conversation|chat\s+history|system\s+prompt|private\s+(?:data|messages|files))\b[^.!?\n]{0,60}\b(?:to|at|via)\b/gi,
    0.75,
  ),
  r("injection_named", /\b(?:prompt|policy|instruction)\s+(?:injection|override)\b/gi, 0.6),
];

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
  detect(text: string): DetectorMatch[] {
    if (text.length < 8) return NO_MATCHES;
    const out = RULES.run(text);
    if (out.length > 0) return out;
    const m = model();
    const c = m ? classifierMatch(m, text, "prompt_injection.classifier", 16, true) : undefined;
    return c ? [c] : out;
  },
};
