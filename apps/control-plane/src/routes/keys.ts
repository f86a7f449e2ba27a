import {
  CONTROL_PLANE_PATHS,
  DeploymentEnvSchema,
  type DiscoverResponse,
  DiscoverResponseSchema,
  type ValidateKeyResponse,
  ValidateKeyResponseSchema,
} from "@sec0/core/contracts";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { authenticate, authenticateKey, type Principal, requireScope } from "../auth/authenticate.js";
import { rolesHeldBy } from "../auth/roles.js";
import type { ControlPlaneContext, RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { toApiKeyView } from "../keys/api-key-record.js";
import { createApiKey } from "../keys/create-api-key.js";
import { findTenant } from "../keys/find-tenant.js";
import {
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  KeyLookupBodySchema,
  NoQuerySchema,
  TenantMeSchema,
} from "../keys/key-route-schemas.js";
import { listApiKeys } from "../keys/list-api-keys.js";
import { presentedApiKey } from "../keys/presented-api-key.js";
import { requestedScopes } from "../keys/requested-scopes.js";
import { revokeApiKey } from "../keys/revoke-api-key.js";

/** How long clients may cache a discovery answer. */
export const DISCOVERY_CACHE_TTL_SECONDS = 300;

const TAGS = ["keys"] as const;

/**
 * Tenants and API keys:
 * - `POST /api/discover`, `POST /api/auth/validate-key`: what a key resolves to (any valid key;
 *   the key from `x-api-key`, `Authorization: Bearer` or the body's `apiKey`).
 * - `POST /api/keys`, `GET /api/keys`, `DELETE /api/keys/:id`: key management (`admin` scope),
 *   always in the calling key's tenant. A key may revoke itself. A new key gets `scopes`, or a
 *   `role`'s scopes (`API_KEY_ROLES`; both or neither is `CP_BODY_INVALID`).
 * - `GET /api/tenants/me`: the calling key's tenant, scopes and the roles they cover.
 *
 * Bad keys are `CP_UNAUTHENTICATED` (401) or `CP_API_KEY_REVOKED` (401), a missing scope
 * `CP_SCOPE_MISSING` (403), a malformed request `CP_REQUEST_INVALID` (400).
 */
export const registerKeyRoutes: RouteModule = (app, registry, context) => {
  const principalOf = (request: FastifyRequest): Promise<Principal> =>
    authenticate(context.db, request, context.clock.now());
  const lookUp = (request: FastifyRequest, body: z.infer<typeof KeyLookupBodySchema>): Promise<Principal> =>
    authenticateKey(context.db, presentedApiKey(request, body?.apiKey), context.clock.now());

  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: CONTROL_PLANE_PATHS.discover,
      summary: "Where the control plane is and what the API key resolves to",
      tags: TAGS,
      body: KeyLookupBodySchema,
      responses: { 200: DiscoverResponseSchema },
    },
    async ({ request, body }): Promise<DiscoverResponse> => {
      const principal = await lookUp(request, body);
      return {
        controlPlaneUrl: context.publicUrl,
        ...clientFacts(principal),
        cacheTtlSeconds: DISCOVERY_CACHE_TTL_SECONDS,
      };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: CONTROL_PLANE_PATHS.validateKey,
      summary: "The API key's tenant, environment and client",
      tags: TAGS,
      body: KeyLookupBodySchema,
      responses: { 200: ValidateKeyResponseSchema },
    },
    async ({ request, body }): Promise<ValidateKeyResponse> => clientFacts(await lookUp(request, body)),
  );

  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/keys",
      summary: "Creates an API key in the caller's tenant (admin); its text is shown only in this reply",
      tags: TAGS,
      query: NoQuerySchema,
      body: CreateApiKeyBodySchema,
      responses: { 201: CreatedApiKeySchema },
    },
    async ({ request, reply, body }) => {
      const principal = await adminOf(principalOf, request);
      const { role: _role, scopes: _scopes, ...facts } = body;
      const { scopes, role } = requestedScopes(body);
      const created = await createApiKey(context.db, { tenantId: principal.tenantId, ...facts, scopes });
      context.logger.info(
        { tenant: principal.tenantId, keyId: created.id, by: principal.keyId, role },
        "api key created",
      );
      reply.code(201);
      return { ...toApiKeyView(created.row), key: created.text, role };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/keys",
      summary:
        "Lists the caller's tenant's API keys, revoked ones included (admin); never their text or hash",
      tags: TAGS,
      query: NoQuerySchema,
      responses: { 200: ApiKeyListSchema },
    },
    async ({ request }) => {
      const principal = await adminOf(principalOf, request);
      return { keys: (await listApiKeys(context.db, principal.tenantId)).map(toApiKeyView) };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "DELETE",
      url: "/api/keys/:id",
      summary:
        "Revokes an API key of the caller's tenant (admin); idempotent. A key may revoke itself; another tenant's key is a 404",
      tags: TAGS,
      params: ApiKeyParamsSchema,
      query: NoQuerySchema,
      responses: { 200: CreatedApiKeySchema.omit({ key: true, role: true }) },
    },
    async ({ request, params }) => {
      const principal = await adminOf(principalOf, request);
      const row = await revokeApiKey(
        context.db,
        principal.tenantId,
        params.id,
        new Date(context.clock.now()),
      );
      context.logger.info(
        { tenant: principal.tenantId, keyId: row.id, by: principal.keyId },
        "api key revoked",
      );
      return toApiKeyView(row);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/tenants/me",
      summary: "The calling API key's tenant, key id, scopes and the roles those scopes cover",
      tags: TAGS,
      query: NoQuerySchema,
      responses: { 200: TenantMeSchema },
    },
    async ({ request }) => tenantMe(context, await principalOf(request)),
  );
};

async function adminOf(
  principalOf: (request: FastifyRequest) => Promise<Principal>,
  request: FastifyRequest,
) {
  const principal = await principalOf(request);
  requireScope(principal, "admin");
  return principal;
}

function clientFacts(principal: Principal): ValidateKeyResponse {
  return {
    tenant: principal.tenantId,
    env: DeploymentEnvSchema.parse(principal.env),
    clientName: principal.clientName,
    clientVersion: principal.clientVersion,
    ...(principal.userId === undefined ? {} : { userId: principal.userId }),
  };
}

async function tenantMe(
  context: ControlPlaneContext,
  principal: Principal,
): Promise<z.infer<typeof TenantMeSchema>> {
  const tenant = await findTenant(context.db, principal.tenantId);
  if (tenant === undefined) throw httpError("CP_NOT_FOUND", "This API key's tenant no longer exists.");
  return {
    ...clientFacts(principal),
    tenant: tenant.id,
    name: tenant.name,
    keyId: principal.keyId,
    scopes: [...principal.scopes],
    roles: rolesHeldBy(principal.scopes),
  };
}
