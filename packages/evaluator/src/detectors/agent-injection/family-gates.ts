import type { SignalFamily } from "./signal-rule.js";

/**
 * Cheap pre-checks per family: a family's rules run only when its gate matches. A gate is a
 * superset of its rules (each rule needs one of the gate's stems at an ASCII word start, which
 * every Unicode word start is), written without the `u` flag and lookbehinds so V8 scans fast.
 * Families without a selective gate (override, secrecy, action: their words are everyday words)
 * always run.
 */
export const FAMILY_GATES: Partial<Record<SignalFamily, RegExp>> = {
  // "ai", "ia", "ki" and "bot" as whole words only: as stems they open the family on "aim",
  // "kind" and "both", and nine regexes then scan ordinary prose for nothing.
  addressee:
    /\b(?:a\.i|i\.a|llm|gpt|chat|claude|gemini|copilot|bard|mistral|llama|language|sprachmodell|assist|asist|agent|model|mod\u00e8|intelligenza|virtual|digital|automated|autonomous|system|helper)|\b(?:ai|ia|ki|bots?)\b/i,
  hidden:
    /<!--|style|hidden|alt\s*=|title\s*=|aria|data-|summary|placeholder|\]\(|:\s*["']|[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFF21-\uFF5A\u0370-\u052F\u1F00-\u1FFF\uDB40]|%[0-9a-f]{2}/i,
  target: /@|https?:|www\.|\d{4}|0x|acc(?:oun)?t|konto|cuenta|compte|conta|conto/i,
  mention:
    /inject|inyec|inje[\u00e7c]|iniez|red.?team|jailbreak|phish|attack|attaqu|attacc|atacant|angreif|adversar|malicious|payload|threat|social engineering|hacker|cve-|example|exemple|exemplo|ejemplo|esempio|beispiel|e\.g\.|z\.\s?b\.|wie etwa|such as|like|reading|saying|that sa|that rea/i,
};
