import { generateApiKey, hashApiKey } from "../auth/api-key-text.js";
import { API_KEY_SCOPES, type ApiKeyScope } from "../auth/scopes.js";
import type { Queryable } from "../db/database.js";
import { httpError } from "../errors.js";
import { API_KEY_COLUMNS, type ApiKeyRow } from "./api-key-record.js";

/** What a new key is for. */
export interface NewApiKey {
  readonly tenantId: string;
  readonly label: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly env?: "dev" | "staging" | "prod";
  readonly clientName?: string;
  readonly clientVersion?: string;
  readonly userId?: string;
}

/** A created key: its id, its text (shown this once) and its stored row. */
export interface CreatedApiKey {
  readonly id: string;
  /** The full key text: never stored, never shown again. */
  readonly text: string;
  readonly row: ApiKeyRow;
}

/**
 * Creates an API key and returns its text, which is never stored or shown again (only its
 * SHA-256 is kept). Duplicate scopes are dropped.
 *
 * @throws `CP_REQUEST_INVALID` for an unknown scope or none; `CP_NOT_FOUND` for an unknown tenant.
 * @example
 * const { text } = await createApiKey(db, { tenantId: "acme", label: "ci", scopes: ["policy:read"] });
 */
export async function createApiKey(db: Queryable, key: NewApiKey): Promise<CreatedApiKey> {
  if (key.scopes.length === 0 || key.scopes.some((scope) => !API_KEY_SCOPES.includes(scope))) {
    throw httpError("CP_REQUEST_INVALID", `Scopes must be some of ${API_KEY_SCOPES.join(", ")}.`);
  }
  const generated = generateApiKey();
  const { rows } = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, tenant_id, label, key_sha256, scopes, env, client_name, client_version, user_id)
     SELECT $1, id, $3, $4, $5, $6, $7, $8, $9 FROM tenants WHERE id = $2 RETURNING ${API_KEY_COLUMNS}`,
    [
      generated.id,
      key.tenantId,
      key.label,
      hashApiKey(generated.text),
      [...new Set(key.scopes)],
      key.env ?? "prod",
      key.clientName ?? "sec0",
      key.clientVersion ?? "1.0.0",
      key.userId ?? null,
    ],
  );
  const row = rows[0];
  if (row === undefined) throw httpError("CP_NOT_FOUND", `No tenant "${key.tenantId}".`);
  return { id: generated.id, text: generated.text, row };
}
