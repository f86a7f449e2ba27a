import { type SignalRule, signal } from "../signal-rule.js";

/**
 * Counter-evidence: text that talks about injections (security articles, incident reports, quoted
 * examples) rather than carrying one. Its weight in the combined score can only be negative.
 */
export const MENTION_RULES: readonly SignalRule[] = [
  signal(
    "mention",
    "mention_topic",
    {
      meaning:
        "Names the attack or its study: prompt injection, red-teaming, jailbreak, phishing, attacker, payload (six languages).",
      matches: [
        "indirect prompt injection",
        "our red-team exercise",
        "the attacker hid text",
        "Prompt-Injection-Angriffe",
        "inyección de instrucciones",
        "injection de prompt",
      ],
      ignores: ["the injection moulding machine", "a team exercise"],
    },
    `\\m(?:prompt[\\s-]?injections?|injection\\s+attacks?|indirect\\s+injections?|red[\\s-]?team(?:ing|ers?)?|jailbreak(?:s|ing)?|phishing|attackers?|adversar(?:y|ies|ial)|malicious|payloads?|threat\\s+actors?|social\\s+engineering|prompt-injection-\\p{L}+|angreifer\\p{L}*|inyecci[oó]n(?:\\s+de\\s+(?:prompts?|instrucciones))?|injection\\s+de\\s+prompts?|inje[çc][ãa]o\\s+de\\s+prompts?|iniezione\\s+di\\s+prompt|atacantes?|attaquants?|attaccanti|hackers?|cve-\\d{4}-\\d+)\\M`,
  ),
  signal(
    "mention",
    "mention_example",
    {
      meaning:
        'Presents text as an example or quotation: for example, such as, e.g., text like "…", a sentence reading (six languages).',
      matches: [
        'a comment like "<!-- assistant',
        "for example, ignore previous",
        'text reading "shopping assistant',
        "zum Beispiel",
        "por ejemplo",
        "par exemple",
        "por exemplo",
        "ad esempio",
      ],
      ignores: ["I like it", "an example of good service"],
    },
    `\\m(?:for\\s+(?:example|instance)|e\\.g\\.|such\\s+as\\s+["“'«]|(?:text|comment|sentence|string|line|phrase|message|instruction|note)s?\\s+(?:like|reading|saying|such\\s+as|that\\s+(?:said|read|says|reads))\\s*:?\\s*["“'«<]|zum\\s+beispiel|z\\.\\s?b\\.|por\\s+ejemplo|par\\s+exemple|por\\s+exemplo|ad\\s+esempio|per\\s+esempio|wie\\s+etwa|como\\s+por\\s+ejemplo)`,
  ),
];
