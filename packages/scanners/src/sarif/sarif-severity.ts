import type { Severity } from "@sec0/core";

/**
 * Severity of a SARIF result: the rule's numeric `security-severity` (CVSS-like: ≥ 9 critical,
 * ≥ 7 high, ≥ 4 medium, else low) when present, else the `level` (error → high, warning → medium,
 * note / none → low), else medium (SARIF's default level is warning).
 */
export function sarifSeverity(securitySeverity: unknown, level: unknown): Severity {
  const score = typeof securitySeverity === "string" ? Number.parseFloat(securitySeverity) : securitySeverity;
  if (typeof score === "number" && Number.isFinite(score)) {
    if (score >= 9) return "critical";
    if (score >= 7) return "high";
    if (score >= 4) return "medium";
    return "low";
  }
  if (level === "error") return "high";
  if (level === "note" || level === "none") return "low";
  return "medium";
}
