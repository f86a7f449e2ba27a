import type { FastifyRequest } from "fastify";
import { authenticate, type Principal, requireScope } from "../auth/authenticate.js";
import { deleteBridge, listBridges, putBridge } from "../bridges/bridge-registry.js";
import {
  BridgeListSchema,
  BridgeParamsSchema,
  BridgeViewSchema,
  PutBridgeBodySchema,
} from "../bridges/bridge-schemas.js";
import { checkBridgeUrl } from "../bridges/bridge-url.js";
import type { RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { NoQuerySchema } from "../keys/key-route-schemas.js";

const TAGS = ["bridges"] as const;

/**
 * Approvals bridges of the calling key's tenant (`admin` scope): the receivers escalation
 * events are POSTed to, signed with the bridge's HMAC secret.
 * - `PUT /api/bridges/:name` `{url, secret, bearer_token?, event_types?}`: creates (201) or
 *   replaces (200) a bridge. `url` is the full webhook URL; `secret` at least 32 characters.
 * - `GET /api/bridges`: the bridges, never with their secret or token.
 * - `DELETE /api/bridges/:name`: removes a bridge and its pending deliveries (204).
 *
 * A bad body is `CP_REQUEST_INVALID` (400), a bad URL `CP_BRIDGE_URL_INVALID` (400), an unknown
 * bridge `CP_NOT_FOUND` (404). No reply or log line ever carries a secret or token.
 */
export const registerBridgeRoutes: RouteModule = (app, registry, context) => {
  const admin = async (request: FastifyRequest): Promise<Principal> => {
    const principal = await authenticate(context.db, request, context.clock.now());
    requireScope(principal, "admin");
    return principal;
  };

  defineRoute(
    app,
    registry,
    {
      method: "PUT",
      url: "/api/bridges/:name",
      summary: "Register or replace an approvals bridge",
      tags: TAGS,
      params: BridgeParamsSchema,
      query: NoQuerySchema,
      body: PutBridgeBodySchema,
      responses: { 200: BridgeViewSchema, 201: BridgeViewSchema },
    },
    async ({ request, reply, params, body }) => {
      const principal = await admin(request);
      const url = checkBridgeUrl(body.url);
      const { view, created } = await putBridge(
        context.db,
        {
          tenantId: principal.tenantId,
          name: params.name,
          url,
          secret: body.secret,
          bearerToken: body.bearer_token,
          eventTypes: body.event_types,
        },
        context.newId("brg"),
        context.clock.now(),
      );
      return reply.code(created ? 201 : 200).send(view);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/bridges",
      summary: "The tenant's approvals bridges (without secrets)",
      tags: TAGS,
      query: NoQuerySchema,
      responses: { 200: BridgeListSchema },
    },
    async ({ request }) => {
      const principal = await admin(request);
      return { bridges: await listBridges(context.db, principal.tenantId) };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "DELETE",
      url: "/api/bridges/:name",
      summary: "Remove an approvals bridge",
      tags: TAGS,
      params: BridgeParamsSchema,
      query: NoQuerySchema,
      responses: { 204: "Deleted" },
    },
    async ({ request, reply, params }) => {
      const principal = await admin(request);
      if (!(await deleteBridge(context.db, principal.tenantId, params.name))) {
        throw httpError("CP_NOT_FOUND", `No bridge ${params.name} in this tenant.`);
      }
      return reply.code(204).send();
    },
  );
};
