// The policy the story publishes to the control plane for the payments server's middleware.

/** The middleware policy of tenant `tenant`, as YAML. */
export function paymentsPolicy(tenant) {
  return `tenant: ${tenant}
tools:
  allowlist:
    - "mcp://payments/read_invoice@1.0"
    - "mcp://payments/fetch_page@1.0"
    - "mcp://payments/send_receipt@1.0"
    - "mcp://payments/transfer_funds@1.0"
side_effects:
  require_idempotency_key: true
  tools:
    "mcp://payments/send_receipt@*": write
    "mcp://payments/transfer_funds@*": write
agent_guard:
  enabled: true
  block_on_severity: high
compliance:
  packs:
    - id: payments
      name: Payments
      rules:
        - id: large-transfer
          location: input
          # Below agent_guard's block_on_severity, so it escalates instead of blocking.
          severity: medium
          message: An amount of 1,000 or more needs a person's approval.
          # Compliance rules see the argument values, one per line: an amount leaf of 4+ digits.
          patterns: ['(^|\\n)[1-9][0-9]{3,}(\\n|$)']
  policies:
    - id: payments
      name: Payments
      enabled: true
      pack_ids: [payments]
enforcement:
  mode: enforce
  deny_on:
    - tool_not_in_allowlist
    - agent_guard_failed
    - missing_idempotency_for_side_effect
  escalate_on:
    - compliance_violation
`;
}
