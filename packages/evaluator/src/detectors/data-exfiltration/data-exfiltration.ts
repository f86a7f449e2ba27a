import type { StringScan } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { DATA_EXFILTRATION_GATE, DATA_EXFILTRATION_RULES } from "./rules.js";

const RULES = compileRuleSet(DATA_EXFILTRATION_RULES, DATA_EXFILTRATION_GATE);

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
  detect(text: string, scan?: StringScan): DetectorMatch[] {
    if (text.length < 10) return NO_MATCHES;
    return RULES.run(text, scan);
  },
};
