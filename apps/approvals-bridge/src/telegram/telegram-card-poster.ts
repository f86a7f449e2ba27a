import type { Bot } from "grammy";
import type { CardPoster, EscalationCard, PostedCard } from "../platforms/platform.js";
import { createTelegramPacing, type TelegramPacingOptions } from "./create-telegram-pacing.js";
import { editTelegramCard } from "./edit-telegram-card.js";
import { renderTelegramCard } from "./render-telegram-card.js";
import { toTelegramError } from "./to-telegram-error.js";

/** Options of {@link createTelegramCardPoster}. */
export interface TelegramCardPosterOptions {
  /** The bot to post as; its API gets the pacing transformer (once per bot). */
  readonly bot: Bot;
  /** Pacing of the bot's calls (per-chat interval, 429 retries). */
  readonly pacing?: TelegramPacingOptions;
}

const paced = new WeakSet<Bot>();

/**
 * Posts and edits escalation cards in Telegram chats. The chat id is the channel id; the message
 * id is kept as a string. Calls to one chat are spaced and 429s retried (see
 * {@link createTelegramPacing}); the other calls of the bot pass through the same transformer.
 *
 * @throws {Sec0Error} from `postCard` / `editCard`: `BRIDGE_TELEGRAM_API_ERROR`,
 *   `BRIDGE_TELEGRAM_UNAVAILABLE` (never with the token), `BRIDGE_TELEGRAM_BUTTON_INVALID`.
 * @example
 * const poster = createTelegramCardPoster({ bot: new Bot(token) });
 * const posted = await poster.postCard("-1001234567890", card);
 */
export function createTelegramCardPoster(options: TelegramCardPosterOptions): CardPoster {
  const { bot } = options;
  if (!paced.has(bot)) {
    bot.api.config.use(createTelegramPacing(options.pacing));
    paced.add(bot);
  }
  return {
    platform: "telegram",
    async postCard(channelId: string, card: EscalationCard): Promise<PostedCard> {
      const message = renderTelegramCard(card);
      try {
        const sent = await bot.api.sendMessage(channelId, message.text, {
          parse_mode: message.parse_mode,
          link_preview_options: message.link_preview_options,
          ...(message.reply_markup.inline_keyboard.length > 0 ? { reply_markup: message.reply_markup } : {}),
        });
        return { platform: "telegram", channelId: String(sent.chat.id), messageId: String(sent.message_id) };
      } catch (error) {
        throw toTelegramError(error, "sendMessage", bot.token);
      }
    },
    async editCard(posted: PostedCard, card: EscalationCard): Promise<void> {
      await editTelegramCard(bot.api, posted, card, bot.token);
    },
  };
}
