import type { Logger } from "@sec0/core";
import {
  type ApprovalsBridgeEvent,
  ApprovalsBridgeEventSchema,
  BRIDGE_WEBHOOK_PATH,
} from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import type { ClaimOnce } from "../state/bridge-state.js";
import { authenticateWebhook, type WebhookSecrets } from "./authenticate-webhook.js";

/** Options of {@link registerEscalationWebhook}. */
export interface EscalationWebhookOptions {
  readonly secrets: WebhookSecrets;
  readonly claim: ClaimOnce;
  readonly release: (key: string) => Promise<void>;
  /** Posts or edits the cards of one event; a throw makes the sender retry (5xx). */
  readonly onEvent: (event: ApprovalsBridgeEvent) => Promise<void>;
  readonly now?: () => number;
  readonly logger: Logger;
  /** Largest body (default 256 KiB). */
  readonly bodyLimit?: number;
}

/** How long an event id is remembered: longer than any sender retries (7 days). */
const EVENT_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * `POST /webhooks/escalations`: authenticated (Bearer and/or HMAC with a fresh nonce), validated
 * (`ApprovalsBridgeEventSchema`), de-duplicated by `event_id` across replicas, then handed to
 * `onEvent`. 202 when handled or already handled; 401 unauthenticated; 400 not an event; 503 when
 * handling failed (the claim is given back, so the sender's retry is handled).
 */
export function registerEscalationWebhook(app: FastifyInstance, options: EscalationWebhookOptions): void {
  const now = options.now ?? Date.now;
  app.register(async (scope) => {
    // The signature is over the raw bytes: this route keeps them.
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      BRIDGE_WEBHOOK_PATH,
      { bodyLimit: options.bodyLimit ?? 256 * 1024 },
      async (request, reply) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const refused = await authenticateWebhook(
          options.secrets,
          { headers: request.headers, rawBody },
          now(),
          options.claim,
        );
        if (refused !== undefined) {
          options.logger.warn({ reason: refused }, "sec0 bridge: webhook request refused");
          return reply
            .code(401)
            .send({ code: "BRIDGE_UNAUTHENTICATED", message: "The webhook request is not authenticated." });
        }
        let event: ApprovalsBridgeEvent;
        try {
          event = ApprovalsBridgeEventSchema.parse(JSON.parse(rawBody.toString("utf8")));
        } catch {
          return reply
            .code(400)
            .send({ code: "BRIDGE_EVENT_INVALID", message: "The body is not an escalation event." });
        }
        const key = `event:${event.event_id}`;
        if (!(await options.claim(key, EVENT_TTL_MS)))
          return reply.code(202).send({ ok: true, duplicate: true });
        try {
          await options.onEvent(event);
        } catch (error) {
          await options.release(key).catch(() => undefined);
          options.logger.error(
            { err: (error as Error).message, event_id: event.event_id },
            "sec0 bridge: event failed",
          );
          return reply
            .code(503)
            .send({ code: "BRIDGE_UNAVAILABLE", message: "The event could not be handled; retry." });
        }
        return reply.code(202).send({ ok: true });
      },
    );
  });
}
