-- Tenants and the API keys that act for them. A key is stored as the SHA-256 of its full text
-- (keys carry 190 bits of randomness, so a slow hash adds nothing); its id is the public prefix.
-- The key text itself is never stored: it is shown once, when the key is created.
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id text PRIMARY KEY CHECK (id ~ '^[0-9A-Za-z]{12}$'),
  tenant_id text NOT NULL REFERENCES tenants (id),
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
  key_sha256 text NOT NULL CHECK (key_sha256 ~ '^[0-9a-f]{64}$'),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  env text NOT NULL DEFAULT 'prod' CHECK (env IN ('dev', 'staging', 'prod')),
  client_name text NOT NULL DEFAULT 'sec0' CHECK (char_length(client_name) BETWEEN 1 AND 200),
  client_version text NOT NULL DEFAULT '1.0.0' CHECK (char_length(client_version) BETWEEN 1 AND 100),
  user_id text CHECK (user_id IS NULL OR char_length(user_id) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);
