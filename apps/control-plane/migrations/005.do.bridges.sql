-- Approvals bridges registered per tenant, and the delivery of each outbox event to each bridge.
--
-- The HMAC secret is stored as given: the control plane needs it to sign every request (a hash
-- could not sign). Treat this table like a credentials store (database access = forging bridge
-- requests). The bearer token is stored the same way. Neither is ever returned or logged.
CREATE TABLE bridges (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  bearer_token text,
  -- NULL: every event type.
  event_types text[],
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (tenant_id, name)
);

-- One row per (event, bridge): each bridge gets each event once (at least once on the wire).
-- A claimed row's next_attempt_at is pushed past the send timeout (a lease), so two workers never
-- send it at the same time and a crashed worker's row is sent again later.
CREATE TABLE bridge_deliveries (
  event_id text NOT NULL REFERENCES escalation_events (event_id),
  bridge_id text NOT NULL REFERENCES bridges (id) ON DELETE CASCADE,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at timestamptz,
  abandoned_at timestamptz,
  last_error text,
  PRIMARY KEY (event_id, bridge_id)
);

CREATE INDEX bridge_deliveries_due ON bridge_deliveries (next_attempt_at)
  WHERE delivered_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX bridge_deliveries_bridge ON bridge_deliveries (bridge_id);

COMMENT ON COLUMN escalation_events.delivered_at IS
  'When the event was handed to bridge_deliveries (one row per matching bridge of its tenant, possibly none).';
