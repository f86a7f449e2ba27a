import type { StringScan } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { POLICY_VIOLATION_GATE, POLICY_VIOLATION_RULES } from "./rules.js";

const RULES = compileRuleSet(POLICY_VIOLATION_RULES, POLICY_VIOLATION_GATE);

/** Requests to get around safety, security or compliance controls (0.2.3 family). */
export const policyViolationDetector: Detector = {
  id: "policy_violation",
  version: "1.0.0",
  code: "agent_policy_violation",
  defaultSeverity: "medium",
  catches:
    "Requests to ignore/bypass/disable safety, security or compliance rules, requests for professional medical/financial/legal advice, and actions that violate company policy — the 0.2.3 policy-violation phrases, case-insensitive.",
  misses:
    "Any organisation-specific policy: write those as `custom` rules or compliance rules in the policy; paraphrases outside the listed phrases.",
  detect(text: string, scan?: StringScan): DetectorMatch[] {
    if (text.length < 12) return NO_MATCHES;
    return RULES.run(text, scan);
  },
};
