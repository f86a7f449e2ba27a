import type { Api } from "grammy";
import type { EscalationCard, PostedCard } from "../platforms/platform.js";
import { renderTelegramCard } from "./render-telegram-card.js";
import { isMessageNotModified, toTelegramError } from "./to-telegram-error.js";

/**
 * Edits a posted Telegram card to show `card` (a final card loses its buttons). An edit that
 * changes nothing ("message is not modified") is success.
 *
 * @throws {Sec0Error} `BRIDGE_TELEGRAM_API_ERROR` or `BRIDGE_TELEGRAM_UNAVAILABLE`, without the token.
 * @example
 * await editTelegramCard(bot.api, { platform: "telegram", channelId: "-100", messageId: "7" }, card, bot.token);
 */
export async function editTelegramCard(
  api: Api,
  posted: PostedCard,
  card: EscalationCard,
  token?: string,
): Promise<void> {
  const message = renderTelegramCard(card);
  try {
    await api.editMessageText(posted.channelId, Number(posted.messageId), message.text, {
      parse_mode: message.parse_mode,
      reply_markup: message.reply_markup,
      link_preview_options: message.link_preview_options,
    });
  } catch (error) {
    if (isMessageNotModified(error)) return;
    throw toTelegramError(error, "editMessageText", token);
  }
}
