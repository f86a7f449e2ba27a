-- Escalations (a human decides a refused call), their votes, approver roles, the events outbox
-- and the one-time approval tokens minted when an escalation is approved.
CREATE TABLE escalations (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  content text NOT NULL,
  violation text NOT NULL,
  rule_id text,
  message text,
  severity text,
  node_id text,
  agent_ref text,
  tool_ref text,
  call_digest text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  finding_source text,
  evaluator jsonb,
  timeout_action text NOT NULL DEFAULT 'auto_reject' CHECK (timeout_action = 'auto_reject'),
  approval_strategy text NOT NULL CHECK (approval_strategy IN ('auto_allow', 'single_approver', 'human_quorum')),
  approval_set_id text,
  min_approvals integer NOT NULL,
  min_rejections integer NOT NULL,
  required_roles text[] NOT NULL DEFAULT '{}',
  veto_roles text[] NOT NULL DEFAULT '{}',
  approvals integer NOT NULL DEFAULT 0,
  rejections integer NOT NULL DEFAULT 0,
  requester_key_id text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  resolved_at timestamptz,
  finalization_reason text,
  requester_status_message text
);

CREATE INDEX escalations_tenant ON escalations (tenant_id, created_at);
CREATE INDEX escalations_pending_expiry ON escalations (expires_at) WHERE status = 'pending';

-- One vote per approver and escalation: the primary key is the duplicate check.
CREATE TABLE escalation_votes (
  escalation_id text NOT NULL REFERENCES escalations (id),
  approver_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('approve', 'reject')),
  roles text[] NOT NULL DEFAULT '{}',
  notes text,
  actor_id text,
  key_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (escalation_id, approver_id)
);

-- Roles of an approver (a key's user id, else its key id), set by an admin of the tenant.
CREATE TABLE approver_roles (
  tenant_id text NOT NULL REFERENCES tenants (id),
  approver_id text NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (tenant_id, approver_id, role)
);

-- Outbox: written in the transaction of the change, delivered to the approvals bridge later.
CREATE TABLE escalation_events (
  event_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  escalation_id text NOT NULL REFERENCES escalations (id),
  event_type text NOT NULL CHECK (event_type IN ('escalation.created', 'escalation.vote_recorded', 'escalation.finalized')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);

CREATE UNIQUE INDEX escalation_events_one_finalized ON escalation_events (escalation_id) WHERE event_type = 'escalation.finalized';
CREATE INDEX escalation_events_undelivered ON escalation_events (created_at) WHERE delivered_at IS NULL;

-- One-time approval tokens: only the SHA-256 of the token text is stored.
CREATE TABLE approval_tokens (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  escalation_id text NOT NULL UNIQUE REFERENCES escalations (id),
  token_sha256 text NOT NULL UNIQUE,
  tool_ref text NOT NULL,
  node_id text,
  agent_ref text,
  call_digest text,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
