import { API_KEY_HEADER } from "@sec0/core/contracts";
import type { FastifyRequest } from "fastify";
import type { Database } from "../db/database.js";
import { httpError } from "../errors.js";
import { apiKeyId, apiKeyMatches } from "./api-key-text.js";
import type { ApiKeyScope } from "./scopes.js";

/** Who is calling: the key's tenant, id, scopes and the client facts stored with it. */
export interface Principal {
  readonly tenantId: string;
  readonly keyId: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly env: string;
  readonly clientName: string;
  readonly clientVersion: string;
  readonly userId: string | undefined;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  key_sha256: string;
  scopes: ApiKeyScope[];
  env: string;
  client_name: string;
  client_version: string;
  user_id: string | null;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

/** `last_used_at` is written at most this often per key, not on every request. */
const LAST_USE_RESOLUTION_MS = 60_000;

/** The key of `Authorization: Bearer <key>`, if the request has one. */
export function bearerKeyOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization !== "string") return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

/** The `x-api-key` header as sent, if the request has a non-empty one. */
export function apiKeyHeaderOf(request: FastifyRequest): string | undefined {
  const header = request.headers[API_KEY_HEADER];
  return typeof header === "string" && header !== "" ? header : undefined;
}

/** The API key a request presents: `Authorization: Bearer <key>`, else `x-api-key`. */
export function presentedKey(request: FastifyRequest): string | undefined {
  return bearerKeyOf(request) ?? apiKeyHeaderOf(request);
}

/**
 * Resolves an API key to its {@link Principal}: unknown, malformed and wrong keys are all
 * `CP_UNAUTHENTICATED` (which part was wrong is not said), a revoked key `CP_API_KEY_REVOKED`.
 * The stored hash is compared in constant time. The key text is never logged.
 */
export async function authenticateKey(
  db: Database,
  text: string | undefined,
  now: number,
): Promise<Principal> {
  const id = text === undefined ? undefined : apiKeyId(text);
  if (text === undefined || id === undefined) throw unauthenticated();
  const { rows } = await db.query<KeyRow>(
    "SELECT id, tenant_id, key_sha256, scopes, env, client_name, client_version, user_id, revoked_at, last_used_at FROM api_keys WHERE id = $1",
    [id],
  );
  const row = rows[0];
  if (row === undefined || !apiKeyMatches(text, row.key_sha256)) throw unauthenticated();
  if (row.revoked_at !== null)
    throw httpError(
      "CP_API_KEY_REVOKED",
      "This API key was revoked; ask an admin of the tenant for a new one.",
    );
  const lastUsed = row.last_used_at === null ? 0 : new Date(row.last_used_at).getTime();
  if (now - lastUsed >= LAST_USE_RESOLUTION_MS) {
    await db.query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", [id, new Date(now)]);
  }
  return {
    tenantId: row.tenant_id,
    keyId: row.id,
    scopes: row.scopes,
    env: row.env,
    clientName: row.client_name,
    clientVersion: row.client_version,
    userId: row.user_id ?? undefined,
  };
}

/** Authenticates the request's key (see {@link authenticateKey}). */
export function authenticate(db: Database, request: FastifyRequest, now: number): Promise<Principal> {
  return authenticateKey(db, presentedKey(request), now);
}

/** Throws `CP_SCOPE_MISSING` unless the key has `scope` (or `admin`). */
export function requireScope(principal: Principal, scope: ApiKeyScope): void {
  if (principal.scopes.includes(scope) || principal.scopes.includes("admin")) return;
  throw httpError("CP_SCOPE_MISSING", `This API key lacks the scope "${scope}".`, { scope });
}

/**
 * Throws `CP_TENANT_MISMATCH` when a request names a tenant other than the key's: a key never
 * reads or changes another tenant's data.
 */
export function requireTenant(principal: Principal, tenant: string | undefined): void {
  if (tenant === undefined || tenant === principal.tenantId) return;
  // The named tenant is not echoed: whatever the caller put in the path stays out of the reply.
  throw httpError("CP_TENANT_MISMATCH", "This API key belongs to another tenant.");
}

function unauthenticated() {
  return httpError(
    "CP_UNAUTHENTICATED",
    "Send a valid API key: Authorization: Bearer sec0_… (or x-api-key).",
  );
}
