import { REST } from "@discordjs/rest";
import { Sec0Error } from "@sec0/core";
import { type APIMessage, Routes } from "discord-api-types/v10";
import type { CardPoster, EscalationCard, PostedCard } from "../platforms/platform.js";
import { toDiscordRequestError } from "./discord-errors.js";
import { renderDiscordCard } from "./render-discord-card.js";

/** Options of {@link createDiscordCardPoster}. */
export interface DiscordCardPosterOptions {
  /** The bot token (sent as `Authorization: Bot <token>`, never logged or put in errors). */
  readonly token: string;
  /** Base API URL without version (default Discord's); tests point it at 127.0.0.1. */
  readonly api?: string;
  /** A ready REST client to share (its token is used as is; `token` and `api` are then ignored). */
  readonly rest?: REST;
}

/** Per-request timeout: well above Discord's usual latency, well below a stuck socket. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Retries for 5xx and timeouts; 429s are retried separately, after Discord's Retry-After. */
const REQUEST_RETRIES = 2;

/**
 * A REST client for the bridge. Pacing is the client's own: it tracks Discord's per-route
 * buckets (X-RateLimit-* headers), queues requests per bucket, and on a 429 waits out
 * Retry-After before retrying. The bridge adds no rate limiter of its own on top.
 *
 * @example
 * const rest = createDiscordRest({ token: process.env.DISCORD_TOKEN!, api: "http://127.0.0.1:8080/api" });
 */
export function createDiscordRest(options: { readonly token: string; readonly api?: string }): REST {
  if (options.token.trim() === "") {
    throw new Sec0Error(
      "BRIDGE_DISCORD_CONFIG_INVALID",
      "The Discord bot token is empty; set the bot's token.",
    );
  }
  return new REST({
    version: "10",
    timeout: REQUEST_TIMEOUT_MS,
    retries: REQUEST_RETRIES,
    ...(options.api === undefined ? {} : { api: options.api }),
  }).setToken(options.token);
}

/**
 * Posts and edits escalation cards in Discord channels through @discordjs/rest.
 *
 * @throws Sec0Error `BRIDGE_DISCORD_CONFIG_INVALID` when the token is empty (and no `rest` given).
 * @throws Sec0Error `BRIDGE_DISCORD_REQUEST_FAILED` (from `postCard` / `editCard`) when Discord refuses.
 * @example
 * const poster = createDiscordCardPoster({ token: "bot-token" });
 * const posted = await poster.postCard("123456789012345678", card);
 */
export function createDiscordCardPoster(options: DiscordCardPosterOptions): CardPoster {
  const rest = options.rest ?? createDiscordRest(options);
  return {
    platform: "discord",
    async postCard(channelId: string, card: EscalationCard): Promise<PostedCard> {
      let message: APIMessage;
      try {
        message = (await rest.post(Routes.channelMessages(channelId), {
          body: renderDiscordCard(card),
        })) as APIMessage;
      } catch (error) {
        throw toDiscordRequestError("POST /channels/{channel}/messages", error);
      }
      return { platform: "discord", channelId, messageId: message.id };
    },
    async editCard(posted: PostedCard, card: EscalationCard): Promise<void> {
      try {
        await rest.patch(Routes.channelMessage(posted.channelId, posted.messageId), {
          body: renderDiscordCard(card),
        });
      } catch (error) {
        throw toDiscordRequestError("PATCH /channels/{channel}/messages/{message}", error);
      }
    },
  };
}
