import { DeploymentEnvSchema } from "@sec0/core/contracts";
import { z } from "zod";
import { API_KEY_SCOPES, type ApiKeyScope } from "../auth/scopes.js";

/** The `api_keys` columns a key's public view is built from (never the hash). */
export const API_KEY_COLUMNS =
  "id, tenant_id, label, scopes, env, client_name, client_version, user_id, created_at, revoked_at, last_used_at";

/** One `api_keys` row as selected with {@link API_KEY_COLUMNS}. */
export interface ApiKeyRow {
  id: string;
  tenant_id: string;
  label: string;
  scopes: ApiKeyScope[];
  env: string;
  client_name: string;
  client_version: string;
  user_id: string | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

/**
 * What the API says about a key: its id, label, scopes, client facts and times. Neither the key
 * text nor its hash is part of it.
 *
 * @example
 * ApiKeyViewSchema.parse({ id: "AbCdEfGh1234", label: "ci", scopes: ["policy:read"], env: "prod",
 *   clientName: "sec0", clientVersion: "1.0.0", created_at: "2026-01-01T00:00:00.000Z",
 *   revoked_at: null, last_used_at: null });
 */
export const ApiKeyViewSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  env: DeploymentEnvSchema,
  clientName: z.string(),
  clientVersion: z.string(),
  userId: z.string().optional(),
  created_at: z.iso.datetime(),
  revoked_at: z.iso.datetime().nullable(),
  last_used_at: z.iso.datetime().nullable(),
});

/** A key as the API shows it. */
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

const iso = (value: Date | string): string => new Date(value).toISOString();

/** The public view of a row: timestamps as ISO 8601, `userId` left out when absent. */
export function toApiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    label: row.label,
    scopes: row.scopes,
    env: DeploymentEnvSchema.parse(row.env),
    clientName: row.client_name,
    clientVersion: row.client_version,
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    created_at: iso(row.created_at),
    revoked_at: row.revoked_at === null ? null : iso(row.revoked_at),
    last_used_at: row.last_used_at === null ? null : iso(row.last_used_at),
  };
}
