import {
  ApprovalVerifyRequestSchema,
  ApprovalVerifyResponseSchema,
  EscalationCreateRequestSchema,
  EscalationQuerySchema,
  EscalationResolveRequestSchema,
  EscalationResponseSchema,
} from "@sec0/core/contracts";
import { z } from "zod";
import { currentApprovalToken } from "../approvals/current-approval-token.js";
import { verifyApprovalToken } from "../approvals/verify-approval-token.js";
import { authenticate, type Principal, requireScope, requireTenant } from "../auth/authenticate.js";
import type { ControlPlaneContext, RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { setApproverRoles } from "../escalations/approver-roles.js";
import { changeNotifierFor } from "../escalations/change-notifier.js";
import { createEscalation } from "../escalations/create-escalation.js";
import { registerEscalationListRoutes } from "../escalations/escalation-list-routes.js";
import { type EscalationRow, toEscalationRecord } from "../escalations/escalation-row.js";
import { parseWait } from "../escalations/parse-wait.js";
import { readEscalation } from "../escalations/read-escalation.js";
import { recordVote } from "../escalations/record-vote.js";
import { waitForChange } from "../escalations/wait-for-change.js";
import { defineRoute } from "../http/define-route.js";

const IdParams = z.strictObject({ id: z.string().min(1).max(200) });
const GetQuery = EscalationQuerySchema.extend({ wait: z.string().max(20).optional() });
const ApproverParams = z.strictObject({ approverId: z.string().min(1).max(200) });
const RolesBody = z.strictObject({ roles: z.array(z.string().min(1).max(200)).max(50) });
const RolesResponse = z.object({ approver_id: z.string(), roles: z.array(z.string()) });

/**
 * Escalations and approvals:
 * - `POST /api/escalations[?tenant=]` (scope `escalation:create`) creates one;
 * - `GET /api/escalations[?status=&limit=]` and `GET /api/escalations/:id/votes` (any key of the
 *   tenant) list them and an escalation's votes (see `registerEscalationListRoutes`);
 * - `GET /api/escalations/:id[?tenant=][&wait=30s]` (any key of the tenant) reads it, long-polling
 *   up to 60 s with `wait` until it changes;
 * - `PUT /api/escalations/:id[?tenant=]` (scope `escalation:vote`) records one vote per approver;
 * - `PUT /api/approvers/:approverId/roles` (scope `admin`) sets an approver's roles;
 * - `POST /api/compliance/approvals/verify` (any key of the tenant) consumes an approval token.
 *
 * An approved escalation's unused approval token is in the reply as `approval_token` (and
 * `approval_token_expires_at`) only for keys of the escalation's tenant with `escalation:create`
 * (the requester's side); voters never see it. Another tenant's escalation is `CP_NOT_FOUND`.
 */
export const registerEscalationRoutes: RouteModule = (app, registry, context) => {
  // Long-polls in flight answer with what they have when the service starts closing: `preClose`
  // runs before the server waits for open requests, so close() is not held up by a 60 s wait.
  // (A per-app signal, not the database's shared notifier: closing one app leaves the others be.)
  const notifier = changeNotifierFor(context.db);
  const closing = new AbortController();
  app.addHook("preClose", async () => closing.abort());
  const tags = ["escalations"];
  registerEscalationListRoutes(app, registry, context);

  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/escalations",
      summary: "Create an escalation",
      tags,
      query: EscalationQuerySchema,
      body: EscalationCreateRequestSchema,
      responses: { 201: EscalationResponseSchema },
    },
    async ({ request, query, body, reply }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireScope(principal, "escalation:create");
      requireTenant(principal, query.tenant);
      const { row, token } = await createEscalation(context, principal, body);
      notifier.notify(row.id);
      reply.code(201);
      return { escalation: { ...toEscalationRecord(row), ...tokenFields(principal, token, row) } };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/escalations/:id",
      summary: "Read an escalation (long-poll with ?wait=30s, at most 60 s)",
      tags,
      params: IdParams,
      query: GetQuery,
      responses: { 200: EscalationResponseSchema },
    },
    async ({ request, reply, params, query }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireTenant(principal, query.tenant);
      const waitMs = parseWait(query.wait);
      if (waitMs === undefined)
        throw httpError("CP_REQUEST_INVALID", "wait must be a duration like 30s, 30 or 500ms.", {
          wait: query.wait,
        });
      const found = await readEscalation(context, principal.tenantId, params.id);
      if (found === undefined) throw notFound(params.id);
      const abort = new AbortController();
      // The response's "close" (not the request's, which fires once its body is read) says the
      // client went away: stop waiting then.
      reply.raw.once("close", () => abort.abort());
      const signal = AbortSignal.any([abort.signal, closing.signal]);
      const row = waitMs === 0 ? found : await waitForChange(context, found, waitMs, signal);
      // Closing: this socket must not stay open as an idle keep-alive the server then waits for.
      if (closing.signal.aborted) reply.header("connection", "close");
      return replyOf(context, principal, row);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "PUT",
      url: "/api/escalations/:id",
      summary: "Approve or reject an escalation (one vote per approver)",
      tags,
      params: IdParams,
      query: EscalationQuerySchema,
      body: EscalationResolveRequestSchema,
      responses: { 200: EscalationResponseSchema },
    },
    async ({ request, params, query, body }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireTenant(principal, query.tenant);
      const approverId = approverOf(principal, body.approver_id);
      const outcome = await recordVote(context, params.id, {
        tenantId: principal.tenantId,
        approverId,
        keyId: principal.keyId,
        action: body.action,
        notes: body.notes,
        actorId: body.actor_id,
      });
      if (outcome.kind === "not_found") throw notFound(params.id);
      if (outcome.kind !== "duplicate" && (outcome.kind === "recorded" || outcome.changed))
        notifier.notify(params.id);
      if (outcome.kind === "final") {
        throw httpError(
          "CP_ESCALATION_FINAL",
          `Escalation ${params.id} is already ${outcome.row.status}; votes are closed.`,
          {
            status: outcome.row.status,
          },
        );
      }
      if (outcome.kind === "duplicate") {
        throw httpError(
          "CP_VOTE_DUPLICATE",
          `Approver ${approverId} already voted on escalation ${params.id}; the first vote stands.`,
          {
            approver_id: approverId,
          },
        );
      }
      return replyOf(context, principal, outcome.row);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "PUT",
      url: "/api/approvers/:approverId/roles",
      summary: "Set an approver's roles (for required_roles and veto_roles)",
      tags,
      params: ApproverParams,
      query: EscalationQuerySchema,
      body: RolesBody,
      responses: { 200: RolesResponse },
    },
    async ({ request, params, query, body }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireScope(principal, "admin");
      requireTenant(principal, query.tenant);
      const roles = await setApproverRoles(context.db, principal.tenantId, params.approverId, body.roles);
      return { approver_id: params.approverId, roles };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/compliance/approvals/verify",
      summary: "Verify and consume a one-time approval token",
      tags: ["approvals"],
      query: EscalationQuerySchema,
      body: ApprovalVerifyRequestSchema,
      responses: { 200: ApprovalVerifyResponseSchema },
    },
    async ({ request, query, body }) => {
      const principal = await authenticate(context.db, request, context.clock.now());
      requireTenant(principal, query.tenant);
      return verifyApprovalToken(context.db, principal.tenantId, body, context.clock.now());
    },
  );
};

async function replyOf(
  context: ControlPlaneContext,
  principal: Principal,
  row: EscalationRow,
): Promise<unknown> {
  const current = mayHoldToken(principal)
    ? await currentApprovalToken(context, row, context.clock.now())
    : undefined;
  return {
    escalation: {
      ...toEscalationRecord(row),
      ...(current === undefined
        ? {}
        : { approval_token: current.token, approval_token_expires_at: current.expiresAt }),
    },
  };
}

function tokenFields(
  principal: Principal,
  token: string | undefined,
  row: EscalationRow,
): Record<string, unknown> {
  return token === undefined || !mayHoldToken(principal) || row.status !== "approved"
    ? {}
    : { approval_token: token };
}

function mayHoldToken(principal: Principal): boolean {
  return principal.scopes.includes("escalation:create") || principal.scopes.includes("admin");
}

function notFound(id: string) {
  return httpError("CP_NOT_FOUND", `No escalation ${id} in this tenant.`, { id });
}

/**
 * Who a vote counts for: the approver a bridge key (`escalation:vote_for`) names, else the key's
 * user (or the key itself). A key that may only vote for others must name the approver.
 *
 * @throws `CP_SCOPE_MISSING` (403) for `approver_id` from a key without `escalation:vote_for`, or
 *   no vote scope at all; `CP_REQUEST_INVALID` (400) for a bridge key that names no approver.
 */
function approverOf(principal: Principal, named: string | undefined): string {
  if (named !== undefined) {
    requireScope(principal, "escalation:vote_for");
    return named;
  }
  const votesForOthersOnly =
    principal.scopes.includes("escalation:vote_for") &&
    !principal.scopes.includes("escalation:vote") &&
    !principal.scopes.includes("admin");
  if (votesForOthersOnly) {
    throw httpError(
      "CP_REQUEST_INVALID",
      "A key with escalation:vote_for must name the approver (approver_id).",
      {
        field: "approver_id",
      },
    );
  }
  requireScope(principal, "escalation:vote");
  return principal.userId ?? principal.keyId;
}
