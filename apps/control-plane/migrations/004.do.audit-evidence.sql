-- Audit evidence: client signing keys, single-use upload tokens, the state of each uploaded day
-- log (an append-only object in the object store), the index of its records, and witnessed
-- checkpoint heads. Upload tokens are stored as the SHA-256 of their text, never the text itself.
CREATE TABLE audit_keys (
  tenant_id text NOT NULL REFERENCES tenants (id),
  key_id text NOT NULL CHECK (key_id ~ '^ed25519:[0-9a-f]{64}$'),
  public_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key_id)
);

CREATE TABLE audit_upload_tokens (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  tenant_id text NOT NULL REFERENCES tenants (id),
  mode text NOT NULL CHECK (mode IN ('audit', 'raw', 'scan')),
  requested_key text NOT NULL,
  object_key text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_upload_tokens_expiry ON audit_upload_tokens (expires_at);

-- One row per day log: where its verified chain ends. Row-locked by every upload and witness.
CREATE TABLE audit_logs (
  tenant_id text NOT NULL REFERENCES tenants (id),
  object_key text NOT NULL,
  bytes_stored bigint NOT NULL DEFAULT 0,
  lines bigint NOT NULL DEFAULT 0,
  last_seq bigint,
  last_line_sha256 text,
  last_checkpoint_tree_size bigint,
  last_checkpoint_root text,
  key_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, object_key)
);

CREATE TABLE audit_records (
  tenant_id text NOT NULL,
  object_key text NOT NULL,
  line_no bigint NOT NULL,
  seq bigint,
  ts timestamptz,
  node_id text,
  agent_ref text,
  run_id text,
  trace_id text,
  decision text,
  tool_ref text,
  line_sha256 text NOT NULL,
  PRIMARY KEY (tenant_id, object_key, line_no),
  FOREIGN KEY (tenant_id, object_key) REFERENCES audit_logs (tenant_id, object_key)
);

CREATE INDEX audit_records_tenant_ts ON audit_records (tenant_id, ts DESC);
CREATE INDEX audit_records_tenant_trace ON audit_records (tenant_id, trace_id);

-- Checkpoint heads a client had witnessed. `verified`: checked against stored lines.
CREATE TABLE audit_witness_heads (
  tenant_id text NOT NULL,
  object_key text NOT NULL,
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash text NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$'),
  seq bigint,
  ts text,
  key_id text NOT NULL,
  line text NOT NULL,
  verified boolean NOT NULL DEFAULT false,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, object_key, tree_size),
  FOREIGN KEY (tenant_id, object_key) REFERENCES audit_logs (tenant_id, object_key)
);
