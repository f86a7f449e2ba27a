import { randomUUID } from "node:crypto";
import type { Logger } from "@sec0/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PressHandler, PressOutcome } from "../platforms/platform.js";
import { secretEquals } from "../secrets/secret-equals.js";
import { authenticateLocal, hasLocalSession, localSessionValue } from "./authenticate-local.js";
import type { LocalCardStore } from "./local-card-store.js";
import { LOCAL_COOKIE, LOCAL_PATHS } from "./local-config.js";
import type { LocalErrorCode } from "./local-errors.js";
import { createNonce, localSecurityHeaders, renderLocalPage, renderLocalSignInPage } from "./local-page.js";
import { readLocalVote } from "./read-local-vote.js";

/** Options of {@link registerLocalRoutes}. */
export interface LocalRoutesOptions {
  /** The page's access token (`local.token_ref`). */
  readonly token: string;
  readonly store: LocalCardStore;
  /** Ids of the approvers with `local: true` (the page's "Approve as" list). */
  readonly approvers: readonly string[];
  /** The bridge core's press handler: the same path Discord and Telegram presses take. */
  readonly onPress: PressHandler;
  readonly logger: Logger;
  /** Press ids when the body names none (tests; default a random UUID). */
  readonly pressId?: () => string;
}

/** Most cards `GET /local/api/cards` returns (the newest). */
const MAX_LISTED = 200;
/** Largest vote body. */
const VOTE_BODY_LIMIT = 8 * 1024;

/**
 * The local approvals page on the bridge's own server: `GET /local/` (the page, or `?token=` to
 * sign in with a cookie and a 303 back), `GET /local/api/cards`, `GET /local/api/cards/:id`,
 * `POST /local/api/cards/:id/votes`. The API takes `Authorization: Bearer <token>` or the
 * `sec0_local` cookie (a cookie-only POST also needs `x-sec0-local: 1`). Every answer carries a
 * strict CSP with a fresh nonce, `nosniff`, `no-referrer` and `no-store`.
 */
export function registerLocalRoutes(app: FastifyInstance, options: LocalRoutesOptions): void {
  const newPressId = options.pressId ?? randomUUID;
  app.register(async (scope) => {
    scope.addHook("onRequest", async (_request, reply) => {
      reply.headers(localSecurityHeaders(createNonce()));
    });
    scope.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return fail(reply, 413, "BRIDGE_LOCAL_BAD_REQUEST", "The body is over 8 KiB.");
      if (status >= 400 && status < 500) return badVote(reply);
      options.logger.error({ err: error.message }, "sec0 bridge: local request failed");
      return reply.code(503).send({ error: "BRIDGE_UNAVAILABLE", message: "The bridge failed; retry." });
    });
    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      const nonce = createNonce();
      reply.headers(localSecurityHeaders(nonce)).type("text/html; charset=utf-8");
      const token = (request.query as Record<string, unknown> | undefined)?.token;
      if (token !== undefined) {
        if (!secretEquals(token, options.token)) {
          options.logger.warn({ path: LOCAL_PATHS.page }, "sec0 bridge: local page sign-in refused");
          return reply.code(401).send(renderLocalSignInPage(nonce));
        }
        const secure = request.protocol === "https" ? "; Secure" : "";
        return reply
          .header(
            "set-cookie",
            `${LOCAL_COOKIE}=${localSessionValue(options.token)}; HttpOnly; SameSite=Strict; Path=/local${secure}`,
          )
          .redirect(LOCAL_PATHS.page, 303);
      }
      if (!hasLocalSession(request.headers, options.token))
        return reply.code(401).send(renderLocalSignInPage(nonce));
      return reply.send(renderLocalPage(nonce));
    };
    scope.get(LOCAL_PATHS.page, page);
    scope.get("/local", page);

    const authenticated = async (request: FastifyRequest, reply: FastifyReply) => {
      const auth = authenticateLocal(request, options.token);
      if (auth.kind === "ok") return;
      options.logger.warn(
        { path: request.routeOptions.url, reason: auth.kind },
        "sec0 bridge: local request refused",
      );
      if (auth.kind === "csrf")
        return fail(
          reply,
          403,
          "BRIDGE_LOCAL_CSRF",
          "A cookie-authenticated POST needs the header x-sec0-local: 1.",
        );
      return fail(
        reply,
        401,
        "BRIDGE_LOCAL_UNAUTHORIZED",
        "Send Authorization: Bearer <token>, or open /local/?token=<token> to sign this browser in.",
      );
    };
    scope.get(LOCAL_PATHS.cards, { onRequest: authenticated }, async () => ({
      cards: options.store.list(MAX_LISTED),
      approvers: options.approvers,
    }));
    scope.get(LOCAL_PATHS.card, { onRequest: authenticated }, async (request, reply) => {
      const card = options.store.get((request.params as { escalationId: string }).escalationId);
      if (card === undefined)
        return fail(reply, 404, "BRIDGE_LOCAL_NOT_FOUND", "No card with this escalation id is on the page.");
      return { card };
    });
    scope.post(
      LOCAL_PATHS.votes,
      { onRequest: authenticated, bodyLimit: VOTE_BODY_LIMIT },
      async (request, reply) => {
        const vote = readLocalVote(request.body);
        if (vote === undefined) return badVote(reply);
        const escalationId = (request.params as { escalationId: string }).escalationId;
        const card = options.store.get(escalationId);
        if (card === undefined)
          return reply.code(409).send({
            outcome: "refused",
            reason: "unknown_escalation",
            text: "This escalation is not on the approvals page.",
          });
        const outcome = await options.onPress({
          platform: "local",
          pressId: vote.pressId ?? newPressId(),
          escalationId,
          verdict: vote.verdict,
          userId: vote.approver,
          // The page serves every tenant: a press's "chat" is its card's tenant (see createBridgeRoutes).
          channelId: card.tenantId,
          messageId: escalationId,
        });
        if (outcome.card?.escalationId === escalationId) options.store.put(outcome.card);
        return reply.code(outcome.kind === "counted" ? 200 : 409).send(toReply(outcome));
      },
    );
  });
}

function toReply(outcome: PressOutcome): Record<string, unknown> {
  if (outcome.kind === "counted") return { outcome: "counted", text: outcome.text, card: outcome.card };
  return {
    outcome: "refused",
    reason: outcome.reason,
    text: outcome.text,
    ...(outcome.card === undefined ? {} : { card: outcome.card }),
  };
}

function badVote(reply: FastifyReply) {
  return fail(
    reply,
    400,
    "BRIDGE_LOCAL_BAD_REQUEST",
    'Send JSON { "verdict": "approve" | "reject", "approver": "<id>", "press_id"?: "<1-100 of A-Za-z0-9_->" }.',
  );
}

function fail(reply: FastifyReply, status: number, code: LocalErrorCode, message: string) {
  return reply.code(status).send({ error: code, message });
}
