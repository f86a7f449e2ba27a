import { type Logger, Sec0Error, silentLogger } from "@sec0/core";
import type { FastifyInstance } from "fastify";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { PressHandler } from "../platforms/platform.js";
import type { ClaimOnce } from "../state/bridge-state.js";
import { claimTelegramUpdate } from "./claim-telegram-update.js";
import { handleCallbackQuery } from "./handle-callback-query.js";
import { isTelegramSecretValid, TELEGRAM_SECRET_TOKEN_PATTERN } from "./verify-telegram-secret.js";

/** Options of {@link registerTelegramWebhook}. */
export interface TelegramWebhookOptions {
  /** Route path (default `/telegram/webhook`). */
  readonly path?: string;
  /** The `secret_token` given to setWebhook; every delivery must carry it. */
  readonly secretToken: string;
  /** Answers callback queries and edits cards (its API should carry the pacing transformer). */
  readonly bot: Bot;
  readonly onPress: PressHandler;
  readonly claim: ClaimOnce;
  readonly logger?: Logger;
}

/** Largest update body accepted. */
const BODY_LIMIT = 1024 * 1024;

/**
 * Adds the Telegram webhook route: checks the secret header in constant time (401 when missing or
 * wrong, before the body is read), takes each update id once, answers 200 at once and handles the
 * press afterwards (Telegram redelivers on anything but 2xx, so failures never answer otherwise).
 * Only `callback_query` updates do anything. In-flight presses finish before the app closes.
 *
 * @throws {Sec0Error} `BRIDGE_TELEGRAM_CONFIG_INVALID` for a malformed secret token or path.
 * @example
 * registerTelegramWebhook(app, { secretToken, bot, onPress, claim: (key, ttl) => state.claim(key, ttl) });
 */
export function registerTelegramWebhook(app: FastifyInstance, options: TelegramWebhookOptions): void {
  const path = options.path ?? "/telegram/webhook";
  const logger = options.logger ?? silentLogger;
  assertOptions(path, options.secretToken);
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  app.addHook("onClose", async () => {
    await Promise.allSettled([...inFlight]);
  });
  app.post(path, {
    bodyLimit: BODY_LIMIT,
    onRequest: async (request, reply) => {
      if (!isTelegramSecretValid(request.headers["x-telegram-bot-api-secret-token"], options.secretToken)) {
        return reply.code(401).send({ error: "unauthorized" });
      }
    },
    handler: async (request, reply) => {
      const update = request.body as Partial<Update> | null;
      if (typeof update !== "object" || update === null || !Number.isSafeInteger(update.update_id)) {
        logger.warn({}, "telegram webhook body is not an update");
        return reply.code(200).send({ ok: true });
      }
      const isFirst = await claimTelegramUpdate(options.claim, update.update_id as number, logger);
      reply.code(200).send({ ok: true });
      const query = update.callback_query;
      if (!isFirst || query === undefined) return reply;
      const deps = { api: options.bot.api, onPress: options.onPress, logger, token: options.bot.token };
      track(handleCallbackQuery(query, deps));
      return reply;
    },
  });
}

function assertOptions(path: string, secretToken: string): void {
  if (typeof secretToken !== "string" || !TELEGRAM_SECRET_TOKEN_PATTERN.test(secretToken)) {
    throw new Sec0Error(
      "BRIDGE_TELEGRAM_CONFIG_INVALID",
      "The Telegram webhook secret token must be 1-256 characters of A-Z a-z 0-9 _ - (as setWebhook's secret_token).",
    );
  }
  if (!path.startsWith("/")) {
    throw new Sec0Error(
      "BRIDGE_TELEGRAM_CONFIG_INVALID",
      `The Telegram webhook path must start with /; got ${JSON.stringify(path)}.`,
    );
  }
}
