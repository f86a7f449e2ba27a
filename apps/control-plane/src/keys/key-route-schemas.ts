import { DeploymentEnvSchema } from "@sec0/core/contracts";
import { z } from "zod";
import { API_KEY_ROLE_NAMES } from "../auth/roles.js";
import { API_KEY_SCOPES } from "../auth/scopes.js";
import { ApiKeyViewSchema } from "./api-key-record.js";

/**
 * Body of `POST /api/discover` and `POST /api/auth/validate-key` as the server reads it: the
 * contract's `{apiKey?}`, strict (unknown members are refused), and the body itself optional.
 */
export const KeyLookupBodySchema = z
  .strictObject({ apiKey: z.string().min(1).max(1024).optional() })
  .optional();

/**
 * Body of `POST /api/keys`: the key's `scopes`, or a `role` (one of `API_KEY_ROLES`) whose scopes
 * it gets. Exactly one of the two is required (see `requestedScopes`).
 */
export const CreateApiKeyBodySchema = z.strictObject({
  label: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length).optional(),
  role: z.enum(API_KEY_ROLE_NAMES).optional(),
  env: DeploymentEnvSchema.optional(),
  clientName: z.string().min(1).max(200).optional(),
  clientVersion: z.string().min(1).max(100).optional(),
  userId: z.string().min(1).max(200).optional(),
});

/**
 * Reply of `POST /api/keys` (201): the key's view, its text (shown this once) and the role it
 * was created with (`null` when it was given `scopes`).
 */
export const CreatedApiKeySchema = ApiKeyViewSchema.extend({
  key: z.string(),
  role: z.enum(API_KEY_ROLE_NAMES).nullable(),
});

/** Reply of `GET /api/keys`. */
export const ApiKeyListSchema = z.strictObject({ keys: z.array(ApiKeyViewSchema) });

/** Path parameters of `DELETE /api/keys/:id`: a key id (the 12 characters after `sec0_`). */
export const ApiKeyParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z]{12}$/, "must be an API key id (12 letters and digits)"),
});

/** A query that takes no parameters: any given is refused. */
export const NoQuerySchema = z.strictObject({});

/**
 * Reply of `GET /api/tenants/me`: the calling key's tenant, its id, scopes, the roles those
 * scopes cover (an admin key: all of them) and client facts.
 */
export const TenantMeSchema = z.strictObject({
  tenant: z.string(),
  name: z.string(),
  keyId: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  roles: z.array(z.enum(API_KEY_ROLE_NAMES)),
  env: DeploymentEnvSchema,
  clientName: z.string(),
  clientVersion: z.string(),
  userId: z.string().optional(),
});
