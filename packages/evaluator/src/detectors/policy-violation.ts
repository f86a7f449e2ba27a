import type { Detector, DetectorMatch } from "../types.js";
import { compileRuleSet, NO_MATCHES, type PatternRule } from "./rule-set.js";

/** sec0-sdk 0.2.3's policy-violation family, kept for compatibility (as in sec0-sdk 0.2.3). */
export const POLICY_VIOLATION_RULES: readonly PatternRule[] = [
  {
    kind: "policy_violation.ignore_policy",
    re: /\b(?:ignore|bypass|circumvent|disable|skip)\s+(?:all\s+|the\s+|any\s+|our\s+)?(?:safety|security|compliance|content)\s+(?:rules|policies|policy|checks|controls|filters|guidelines)\b/gi,
    severity: "medium",
    confidence: 0.8,
  },
  {
    kind: "policy_violation.regulated_advice",
    re: /\b(?:provide|give|offer)\s+(?:me\s+)?(?:specific\s+|professional\s+|personalised\s+|personalized\s+)?(?:medical|financial|legal|investment|tax)\s+advice\b/gi,
    severity: "medium",
    confidence: 0.6,
  },
  {
    kind: "policy_violation.company_policy",
    re: /\b(?:perform|take|execute)\s+(?:an?\s+)?actions?\s+that\s+(?:violate|breach|break)s?\s+(?:company|corporate|our)\s+polic(?:y|ies)\b/gi,
    severity: "medium",
    confidence: 0.8,
  },
];

const RULES = compileRuleSet(
  POLICY_VIOLATION_RULES,
  /ignore|bypass|circumvent|disable|skip|advice|violat|breach|break/i,
);

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
  detect(text: string): DetectorMatch[] {
    if (text.length < 12) return NO_MATCHES;
    return RULES.run(text);
  },
};
