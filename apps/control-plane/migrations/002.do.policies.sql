-- Policy versions per tenant × level × scope ('base', or an agent's nodeId). Versions are never
-- updated or deleted: the current version is the highest one, and a rollback is a new version
-- copying an older one's YAML (rollback_of names it), so the history stays auditable.
-- The primary key makes a duplicate version number impossible even if a lock were missed.
CREATE TABLE policy_versions (
  tenant_id text NOT NULL REFERENCES tenants (id),
  level text NOT NULL CHECK (level IN ('gateway', 'middleware')),
  scope text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  yaml text NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  signature text NOT NULL,
  signing_key_id text NOT NULL,
  rollback_of integer,
  PRIMARY KEY (tenant_id, level, scope, version)
);
