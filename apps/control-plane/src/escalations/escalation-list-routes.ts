import {
  EscalationListResponseSchema,
  EscalationQuerySchema,
  EscalationStatusSchema,
  EscalationVotesResponseSchema,
} from "@sec0/core/contracts";
import { z } from "zod";
import { authenticate, requireTenant } from "../auth/authenticate.js";
import type { RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { toEscalationRecord } from "./escalation-row.js";
import { listEscalationVotes } from "./list-escalation-votes.js";
import { listEscalations } from "./list-escalations.js";

/** Most escalations one list answers. */
export const MAX_ESCALATION_LIST = 200;

/** Query of `GET /api/escalations`: `status`, `limit` (1 to 200, default 50) and 0.2.3's `tenant`. */
export const EscalationListQuerySchema = EscalationQuerySchema.extend({
  status: EscalationStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ESCALATION_LIST).default(50),
});

const IdParams = z.strictObject({ id: z.string().min(1).max(200) });
const TAGS = ["escalations"];

/**
 * The escalation lists, for any key of the tenant (like the single read):
 * - `GET /api/escalations[?status=&limit=]`: pending ones first (soonest `expires_at` first), then
 *   the rest newest first; due pending ones are expired first. Records only: an approval token is
 *   never part of a list.
 * - `GET /api/escalations/:id/votes`: its votes, oldest first; another tenant's id is `CP_NOT_FOUND`.
 */
export const registerEscalationListRoutes: RouteModule = (app, registry, context) => {
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/escalations",
      summary: "List the tenant's escalations: pending first (soonest expiry first), then newest first",
      tags: TAGS,
      query: EscalationListQuerySchema,
      responses: { 200: EscalationListResponseSchema },
    },
    async ({ request, query }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireTenant(principal, query.tenant);
      const rows = await listEscalations(context, principal.tenantId, {
        status: query.status,
        limit: query.limit,
      });
      return { escalations: rows.map(toEscalationRecord) };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/escalations/:id/votes",
      summary: "The votes on an escalation, oldest first",
      tags: TAGS,
      params: IdParams,
      query: EscalationQuerySchema,
      responses: { 200: EscalationVotesResponseSchema },
    },
    async ({ request, params, query }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireTenant(principal, query.tenant);
      const votes = await listEscalationVotes(context.db, principal.tenantId, params.id);
      if (votes === undefined)
        throw httpError("CP_NOT_FOUND", `No escalation ${params.id} in this tenant.`, { id: params.id });
      return { votes };
    },
  );
};
