/**
 * What an API key may do. `admin` implies every other scope of its tenant; no key ever acts for
 * another tenant.
 */
export const API_KEY_SCOPES = [
  "policy:read",
  "policy:write",
  "escalation:create",
  "escalation:vote",
  // An approvals bridge's service key: records each vote for the approver the body names
  // (`approver_id`), whom the bridge identified from the platform user who pressed.
  "escalation:vote_for",
  "audit:ingest",
  "audit:read",
  "admin",
] as const;

/** One of {@link API_KEY_SCOPES}. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
