/** Severity of a reason, used for escalations and for sorting findings. */
export type Severity = "low" | "medium" | "high" | "critical";

/** Numeric rank of a severity: low 1 … critical 4 (0 for anything else). */
export function severityRank(severity: string | undefined): number {
  switch (severity) {
    case "low":
      return 1;
    case "medium":
      return 2;
    case "high":
      return 3;
    case "critical":
      return 4;
    default:
      return 0;
  }
}

/** One row of the reason-code table. */
export interface ReasonCodeInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly meaning: string;
  /** True for the codes sec0-sdk 0.2.3 already produced. */
  readonly legacy: boolean;
}

const rows: ReadonlyArray<readonly [code: string, severity: Severity, meaning: string, legacy?: false]> = [
  ["tool_not_in_allowlist", "high", "The tool reference matches no allowlist entry."],
  [
    "version_unpinned",
    "high",
    "The tool version is not pinned (does not start with a digit) where pinning is required.",
  ],
  [
    "missing_idempotency_for_side_effect",
    "medium",
    "A side-effecting tool was called without an idempotency key.",
  ],
  ["idempotency_missing", "medium", "Legacy alias of missing_idempotency_for_side_effect."],
  ["missing_audit_signature", "medium", "The audit record could not be signed or written."],
  [
    "egress_violation",
    "medium",
    "A URL argument or outbound request targets a host outside the egress allowlist.",
  ],
  ["fs_violation", "medium", "A path argument or file access falls outside the filesystem allowlist."],
  ["payload_too_large", "medium", "The call's arguments exceed security.limits.max_payload_kb."],
  ["duration_too_long", "low", "The upstream call took longer than security.limits.max_duration_ms."],
  [
    "registry_mutation",
    "critical",
    "Someone tried to add, replace or remove a tool after the registry was frozen.",
  ],
  ["handler_swap", "critical", "A registered tool handler was replaced after wrapping."],
  ["server_code_changed", "critical", "The hash over the server's tool handlers changed since start-up."],
  ["tool_code_changed", "critical", "The hash of this tool's handler changed since start-up."],
  ["skill_version_changed", "high", "A skill's version changed since its committed baseline."],
  ["skill_code_changed", "high", "A skill's code digest changed since its committed baseline."],
  ["skill_scan_pending", "low", "A skill scan has not finished yet."],
  ["skill_scan_failed", "high", "A skill scan found findings at or above the blocking severity."],
  ["sast_pending", "low", "Static analysis of changed tool code has not finished yet."],
  ["sast_failed", "low", "Static analysis of changed tool code found blocking findings."],
  ["dast_pending", "low", "Dynamic analysis of changed tool code has not finished yet."],
  ["dast_failed", "low", "Dynamic analysis of changed tool code found blocking findings."],
  ["agent_guard_failed", "high", "Agent Guard detectors found content above the configured thresholds."],
  ["contextual_evaluator_denied", "high", "The contextual evaluator decided to deny."],
  ["contextual_evaluator_escalated", "high", "The contextual evaluator asked for a human decision."],
  ["policy_fetch_failed", "low", "No policy could be obtained for the call."],
  ["subprocess_blocked", "critical", "The tool handler tried to start a subprocess."],
  ["ap2_mandate_missing", "low", "A side-effecting call carries no AP2 cart mandate."],
  ["ap2_intent_missing", "low", "The AP2 intent mandate is missing."],
  ["ap2_idempotency_missing", "low", "An AP2-covered call carries no idempotency key."],
  ["ap2_idempotency_mismatch", "low", "The idempotency key does not equal the cart mandate digest."],
  ["ap2_cart_mismatch", "low", "The call's arguments do not match the AP2 cart digest."],
  ["ap2_digest_unavailable", "low", "The AP2 cart digest could not be computed."],
  ["ap2_intent_mandate_conflict", "low", "Two different AP2 intent mandates were supplied."],
  ["ap2_cart_mandate_conflict", "low", "Two different AP2 cart mandates were supplied."],
  ["ap2_intent_id_conflict", "low", "The AP2 intent id disagrees between sources."],
  ["ap2_cart_id_conflict", "low", "The AP2 cart id disagrees between sources."],
  ["ap2_issuer_conflict", "low", "The AP2 mandates name different issuers."],
  ["ap2_subject_conflict", "low", "The AP2 mandates name different subjects."],
  ["ap2_vc_untrusted", "low", "An AP2 mandate is signed by an untrusted issuer."],
  ["ap2_verification_error", "low", "An AP2 mandate failed signature or expiry verification."],
  [
    "ap2_signature_missing",
    "medium",
    "An AP2 mandate is not a signed JWS (bare JSON is accepted only when observing).",
    false,
  ],
  [
    "ap2_signature_invalid",
    "high",
    "An AP2 mandate's signature does not verify under its issuer's key.",
    false,
  ],
  [
    "ap2_algorithm_not_allowed",
    "high",
    "An AP2 mandate is signed with an algorithm outside the allowed ones.",
    false,
  ],
  ["ap2_issuer_unresolvable", "medium", "The AP2 issuer's DID could not be resolved to a key.", false],
  ["ap2_expired", "medium", "An AP2 mandate is past its exp.", false],
  ["ap2_not_yet_valid", "medium", "An AP2 mandate is before its nbf.", false],
  ["ap2_expiry_missing", "medium", "An AP2 mandate has no exp.", false],
  [
    "ap2_mandate_malformed",
    "medium",
    "An AP2 mandate cannot be decoded, has duplicate keys or an unsafe id.",
    false,
  ],
  ["ap2_cart_intent_mismatch", "high", "The AP2 cart was not made under the intent it came with.", false],
  // Ours (not produced by 0.2.3).
  [
    "tool_definition_changed",
    "high",
    "A tool's name, description or input schema changed since it was first seen.",
    false,
  ],
  [
    "tool_poisoning",
    "high",
    "A tool's name, description or schema carries instructions for the model (tool poisoning).",
    false,
  ],
  [
    "idempotency_conflict",
    "medium",
    "An idempotency key was reused with different arguments, or its first call is still running.",
    false,
  ],
  [
    "idempotency_store_full",
    "high",
    "The idempotency store holds as many running calls and unexpired results as it may, so a new side effect was refused rather than run unrecorded.",
    false,
  ],
  [
    "circuit_open",
    "medium",
    "The tool's circuit breaker is open after too many errors or slow calls.",
    false,
  ],
  [
    "compliance_violation",
    "medium",
    "A compliance pack rule matched the call's input, output or run context.",
    false,
  ],
  ["judge_unavailable", "medium", "A natural-language rule's judge was unavailable or timed out.", false],
  ["evaluation_error", "high", "Evaluating the call failed; sec0 fails closed when enforcing.", false],
  [
    "escalation_unavailable",
    "high",
    "The call needs a human decision but no escalation channel is configured.",
    false,
  ],
  [
    "approval_invalid",
    "high",
    "The approval token is missing, expired, used or bound to another call.",
    false,
  ],
  ["output_withheld", "high", "The tool's output was withheld after output checks.", false],
  ["output_redacted", "low", "Parts of the tool's output were redacted.", false],
  [
    "agent_state_invalid",
    "medium",
    "The agent-state headers are malformed or disagree with each other.",
    false,
  ],
  ["quota_exceeded", "medium", "A rate limit or daily quota was exceeded.", false],
  ["rate_limited", "medium", "The gateway's per-second rate for this tenant or tool was exceeded.", false],
  [
    "quota_unavailable",
    "medium",
    "The gateway's quota store (Redis) could not answer in time and its fail mode is closed.",
    false,
  ],
  [
    "tool_in_denylist",
    "high",
    "The gateway's entitlements deny this tool to this tenant, user, role or agent.",
    false,
  ],
  [
    "unauthenticated",
    "high",
    "The gateway could not authenticate the caller (token or API key missing or invalid).",
    false,
  ],
  ["target_not_found", "medium", "The gateway has no upstream target for the server the call names.", false],
  [
    "broker_unavailable",
    "medium",
    "The gateway could not obtain the upstream credential for the call.",
    false,
  ],
  ["request_invalid", "medium", "The gateway refused a malformed request (body, headers or path).", false],
  ["runtime_unavailable", "medium", "The remote runtime decision service could not be reached.", false],
  [
    "runtime_override",
    "high",
    "The remote runtime allowed a call the local checks refused, and enforcement.remote_may_override let it.",
    false,
  ],
  [
    "targets_unchecked",
    "medium",
    "The arguments nest deeper than 8, hold more than 1,000 strings, or hold a URL or path over 8 KiB, so the egress and filesystem checks could not look at all of them.",
    false,
  ],
  [
    "mcp_unsolicited_message",
    "high",
    "An MCP answer matched no request in flight (a guessed id, a second answer), or a notification was outside notifications/; it was dropped.",
    false,
  ],
  [
    "mcp_request_without_id",
    "medium",
    "An MCP client sent a request method (tools/call, …) as a notification, without an id; it was dropped, never run.",
    false,
  ],
  [
    "mcp_request_id_in_use",
    "medium",
    "An MCP client reused the id of a request still in flight; the request was refused and never forwarded.",
    false,
  ],
];

/**
 * Every reason code sec0 can record, with its default severity and meaning. Keys are the codes
 * accepted in `enforcement.deny_on` and `enforcement.escalate_on`.
 */
export const REASON_CODES: Readonly<Record<string, ReasonCodeInfo>> = Object.freeze(
  Object.fromEntries(
    rows.map(([code, severity, meaning, legacy]) => [
      code,
      Object.freeze({ code, severity, meaning, legacy: legacy !== false }),
    ]),
  ),
);

/** Aliases accepted in policies and normalised to their canonical code. */
export const REASON_CODE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  idempotency_missing: "missing_idempotency_for_side_effect",
});

/**
 * Names that stand for several codes in `deny_on` / `escalate_on` (the seed docs use
 * `integrity_violation`).
 */
export const REASON_CODE_GROUPS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  integrity_violation: Object.freeze([
    "registry_mutation",
    "handler_swap",
    "server_code_changed",
    "tool_code_changed",
    "tool_definition_changed",
  ]),
});

/**
 * Canonical codes for a `deny_on` / `escalate_on` list: aliases resolved, groups expanded,
 * duplicates removed, order kept.
 */
export function expandReasonCodes(codes: readonly string[]): string[] {
  const expanded = codes.flatMap(
    (code) => REASON_CODE_GROUPS[code.trim()] ?? [canonicalReasonCode(code.trim())],
  );
  return [...new Set(expanded)];
}

/** True when `code` is a known reason code, alias or group name. */
export function isReasonCode(code: string): boolean {
  return Object.hasOwn(REASON_CODES, code) || Object.hasOwn(REASON_CODE_GROUPS, code);
}

/** The canonical code for an alias, or the code itself. */
export function canonicalReasonCode(code: string): string {
  return REASON_CODE_ALIASES[code] ?? code;
}

/** Default severity of a reason code; `medium` for unknown codes. */
export function reasonSeverity(code: string): Severity {
  return REASON_CODES[code]?.severity ?? "medium";
}
