import type { Detector, DetectorMatch } from "../types.js";
import { compileRuleSet, NO_MATCHES, type PatternRule } from "./rule-set.js";

/** sec0-sdk 0.2.3's data-exfiltration family, kept for compatibility (as in sec0-sdk 0.2.3), widened slightly. */
export const DATA_EXFILTRATION_RULES: readonly PatternRule[] = [
  {
    kind: "data_exfiltration.bulk_dump",
    re: /\b(?:dump|export|extract|download|copy)\s+(?:all\s+(?:of\s+)?(?:the\s+)?|the\s+(?:entire\s+|whole\s+)?|every\s+)(?:customer|user|client|employee|patient|member)s?['’]?\s+(?:data|records|tables?|database|list|details|emails|pii)\b/gi,
    severity: "high",
    confidence: 0.85,
  },
  {
    kind: "data_exfiltration.bulk_dump",
    re: /\b(?:dump|export)\s+(?:the\s+|entire\s+|whole\s+|full\s+)*(?:database|db|table|tables|records)\b/gi,
    severity: "high",
    confidence: 0.7,
  },
  {
    kind: "data_exfiltration.exfiltrate",
    re: /\bexfiltrat(?:e|ed|es|ing|ion)\b/gi,
    severity: "high",
    confidence: 0.85,
  },
  {
    kind: "data_exfiltration.offsite_copy",
    re: /\bcopy\s+all\s+(?:the\s+)?files\s+(?:offsite|off-site|to\s+(?:an?\s+)?(?:external|remote|personal|outside))\b/gi,
    severity: "high",
    confidence: 0.85,
  },
];

const RULES = compileRuleSet(DATA_EXFILTRATION_RULES, /dump|export|extract|download|copy|exfiltrat/i);

/** Bulk data export and exfiltration requests (0.2.3 family). */
export const dataExfiltrationDetector: Detector = {
  id: "data_exfiltration",
  version: "1.0.0",
  code: "agent_data_exfil",
  defaultSeverity: "high",
  catches:
    "`dump/export all customer|user|client data|records|tables`, `export database/table/records`, any form of `exfiltrate`, and `copy all files offsite/to external` — the 0.2.3 phrases plus close variants.",
  misses:
    "Exfiltration expressed as ordinary actions (send this report to an outside address), which needs the contextual evaluator's boundary rules; shell-level exfiltration is caught by `command_unsafe` instead.",
  detect(text: string): DetectorMatch[] {
    if (text.length < 10) return NO_MATCHES;
    return RULES.run(text);
  },
};
