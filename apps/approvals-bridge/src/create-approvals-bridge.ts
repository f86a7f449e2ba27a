import type { AuditSink } from "@sec0/core";
import Fastify, { type FastifyInstance } from "fastify";
import { Bot } from "grammy";
import { createCardRedactor } from "./cards/redact-card-content.js";
import type { BridgeConfig } from "./config/bridge-config-schema.js";
import { createBridgeControlPlane } from "./control-plane/bridge-control-plane.js";
import { createDiscordCardPoster, createDiscordRest } from "./discord/discord-card-poster.js";
import { type DiscordGatewayBot, startDiscordGatewayBot } from "./discord/discord-gateway-bot.js";
import { registerDiscordInteractions } from "./discord/register-discord-interactions.js";
import { publishCards } from "./events/publish-cards.js";
import { createLocalCardStore } from "./local/local-card-store.js";
import { isLocalEnabled, localApproverIds } from "./local/local-config.js";
import { registerLocalRoutes } from "./local/register-local-routes.js";
import type { BridgeLogger } from "./logger.js";
import type { CardPoster, PlatformName } from "./platforms/platform.js";
import { handlePress } from "./presses/handle-press.js";
import { createBridgeRoutes } from "./routing/bridge-routes.js";
import type { BridgeSecrets } from "./secrets/bridge-secrets.js";
import type { BridgeState } from "./state/bridge-state.js";
import { registerTelegramWebhook } from "./telegram/register-telegram-webhook.js";
import { startTelegramPolling, type TelegramPolling } from "./telegram/start-telegram-polling.js";
import { createTelegramCardPoster } from "./telegram/telegram-card-poster.js";
import { registerEscalationWebhook } from "./webhook/register-escalation-webhook.js";

/** What the bridge runs with: its config, the secrets it read, shared state, audit sink, logger. */
export interface ApprovalsBridgeDeps {
  readonly config: BridgeConfig;
  readonly secrets: BridgeSecrets;
  readonly state: BridgeState;
  readonly audit: AuditSink;
  readonly logger: BridgeLogger;
  readonly now?: () => number;
  /** For the control plane (tests; default the global fetch). */
  readonly fetch?: typeof fetch;
  /** Telegram pacing between sends to one chat (default 1000 ms). */
  readonly telegramIntervalMs?: number;
  /** Card posters to use instead of the configured platforms' (tests, or a platform of your own). */
  readonly posters?: Partial<Record<PlatformName, CardPoster>>;
}

/** A built bridge: the Fastify app (not yet listening) and what must stop with it. */
export interface ApprovalsBridge {
  readonly app: FastifyInstance;
  /** Whether the local approvals page is served (under `/local/`). */
  readonly hasLocalPage: boolean;
  /**
   * Starts what runs beside the HTTP endpoints when configured: Telegram long polling, the Discord
   * gateway bot (after `listen`).
   */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the bridge: `POST /webhooks/escalations` (events in), the Discord interactions endpoint
 * and the Telegram webhook (presses in), the local approvals page under `/local/` (cards out and
 * presses in, when `local` is on), `GET /healthz`, and the card posters (cards out).
 */
export function createApprovalsBridge(deps: ApprovalsBridgeDeps): ApprovalsBridge {
  const { config, secrets, state, logger } = deps;
  const now = deps.now ?? Date.now;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, return503OnClosing: true });
  const routes = createBridgeRoutes(config);
  const redact = createCardRedactor();
  const controlPlane = createBridgeControlPlane({
    baseUrl: config.control_plane.url.replace(/\/+$/, ""),
    keys: secrets.tenantKeys,
    timeoutMs: config.control_plane.timeout_ms,
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
  });
  const posters: Partial<Record<PlatformName, CardPoster>> = {};
  const discordRest =
    config.discord === undefined || secrets.discordToken === undefined
      ? undefined
      : createDiscordRest({
          token: secrets.discordToken,
          ...(config.discord.api === undefined ? {} : { api: config.discord.api }),
        });
  if (discordRest !== undefined)
    posters.discord = createDiscordCardPoster({ token: secrets.discordToken as string, rest: discordRest });
  const bot =
    config.telegram === undefined || secrets.telegramToken === undefined
      ? undefined
      : new Bot(secrets.telegramToken, {
          client:
            config.telegram.api_root === undefined
              ? {}
              : { apiRoot: config.telegram.api_root.replace(/\/+$/, "") },
        });
  if (bot !== undefined) {
    posters.telegram = createTelegramCardPoster({
      bot,
      ...(deps.telegramIntervalMs === undefined
        ? {}
        : { pacing: { chatIntervalMs: deps.telegramIntervalMs } }),
    });
  }
  const localCards =
    isLocalEnabled(config) && secrets.localToken !== undefined ? createLocalCardStore() : undefined;
  if (localCards !== undefined) posters.local = localCards.poster;
  Object.assign(posters, deps.posters);
  const claim = (key: string, ttlMs: number) => state.claim(key, ttlMs);
  const onPress = (press: Parameters<typeof handlePress>[1]) =>
    handlePress({ routes, state, controlPlane, posters, redact, audit: deps.audit, logger, now }, press);

  app.get("/healthz", async () => ({ ok: true }));
  registerEscalationWebhook(app, {
    secrets: {
      ...(secrets.webhookBearer === undefined ? {} : { bearerToken: secrets.webhookBearer }),
      ...(secrets.webhookSecret === undefined ? {} : { sharedSecret: secrets.webhookSecret }),
      maxSkewSeconds: config.webhook.max_skew_seconds,
    },
    claim,
    release: (key) => state.release(key),
    onEvent: (event) => publishCards({ routes, posters, state, controlPlane, redact, logger }, event),
    now,
    logger,
  });
  if (config.discord !== undefined && discordRest !== undefined && config.discord.mode === "interactions") {
    registerDiscordInteractions(app, {
      publicKey: config.discord.public_key,
      applicationId: config.discord.application_id,
      rest: discordRest,
      onPress,
      claim,
      now,
      logger,
    });
  }
  if (bot !== undefined && config.telegram?.mode === "webhook" && secrets.telegramSecret !== undefined) {
    registerTelegramWebhook(app, { secretToken: secrets.telegramSecret, bot, onPress, claim, logger });
  }
  if (localCards !== undefined && secrets.localToken !== undefined) {
    registerLocalRoutes(app, {
      token: secrets.localToken,
      store: localCards,
      approvers: localApproverIds(config),
      onPress,
      logger,
    });
  }
  let polling: TelegramPolling | undefined;
  let gateway: DiscordGatewayBot | undefined;
  return {
    app,
    hasLocalPage: localCards !== undefined,
    async startBackground() {
      if (bot !== undefined && config.telegram?.mode === "polling" && polling === undefined)
        polling = startTelegramPolling({ bot, onPress, claim, logger });
      if (discordRest !== undefined && config.discord?.mode === "gateway" && gateway === undefined)
        gateway = await startDiscordGatewayBot({
          token: secrets.discordToken as string,
          rest: discordRest,
          onPress,
          claim,
          logger,
        });
    },
    async close() {
      await polling?.stop();
      await gateway?.stop();
      await app.close();
    },
  };
}
