import { describe, expect, it } from "vitest";
import {
  expandReasonCodes,
  isReasonCode,
  REASON_CODES,
  reasonSeverity,
  severityRank,
} from "./reason-codes.js";

// Every code sec0-sdk 0.2.3 produced or accepted (as in sec0-sdk 0.2.3).
const legacy = [
  "tool_not_in_allowlist",
  "version_unpinned",
  "missing_idempotency_for_side_effect",
  "idempotency_missing",
  "missing_audit_signature",
  "egress_violation",
  "fs_violation",
  "payload_too_large",
  "duration_too_long",
  "registry_mutation",
  "handler_swap",
  "server_code_changed",
  "tool_code_changed",
  "skill_version_changed",
  "skill_code_changed",
  "skill_scan_pending",
  "skill_scan_failed",
  "sast_pending",
  "sast_failed",
  "dast_pending",
  "dast_failed",
  "agent_guard_failed",
  "contextual_evaluator_denied",
  "contextual_evaluator_escalated",
  "policy_fetch_failed",
  "subprocess_blocked",
  "ap2_mandate_missing",
  "ap2_intent_missing",
  "ap2_idempotency_missing",
  "ap2_idempotency_mismatch",
  "ap2_cart_mismatch",
  "ap2_digest_unavailable",
  "ap2_intent_mandate_conflict",
  "ap2_cart_mandate_conflict",
  "ap2_intent_id_conflict",
  "ap2_cart_id_conflict",
  "ap2_issuer_conflict",
  "ap2_subject_conflict",
  "ap2_vc_untrusted",
  "ap2_verification_error",
];

describe("REASON_CODES", () => {
  it("contains every 0.2.3 code, marked legacy", () => {
    for (const code of legacy) expect(REASON_CODES[code]).toMatchObject({ code, legacy: true });
  });

  it("gives each code a severity and a one-line meaning", () => {
    for (const info of Object.values(REASON_CODES)) {
      expect(severityRank(info.severity)).toBeGreaterThan(0);
      expect(info.meaning).toMatch(/^[A-Z].*\.$/);
      expect(info.meaning).not.toContain("\n");
    }
  });

  it("keeps 0.2.3 severities", () => {
    expect(reasonSeverity("tool_not_in_allowlist")).toBe("high");
    expect(reasonSeverity("handler_swap")).toBe("critical");
    expect(reasonSeverity("duration_too_long")).toBe("low");
    expect(reasonSeverity("no_such_code")).toBe("medium");
  });

  it("expands groups and aliases without duplicates", () => {
    expect(expandReasonCodes(["integrity_violation", "handler_swap", "idempotency_missing"])).toEqual([
      "registry_mutation",
      "handler_swap",
      "server_code_changed",
      "tool_code_changed",
      "tool_definition_changed",
      "missing_idempotency_for_side_effect",
    ]);
    expect(isReasonCode("integrity_violation")).toBe(true);
    expect(isReasonCode("integrity_violations")).toBe(false);
  });
});
