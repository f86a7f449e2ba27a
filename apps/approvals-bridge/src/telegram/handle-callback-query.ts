import { type Logger, Sec0Error, silentLogger } from "@sec0/core";
import type { Api } from "grammy";
import type { CallbackQuery } from "grammy/types";
import { decodeButton, type PressHandler, type PressOutcome } from "../platforms/platform.js";
import { editTelegramCard } from "./edit-telegram-card.js";
import { redactTelegramToken, toTelegramError } from "./to-telegram-error.js";

/** What {@link handleCallbackQuery} needs: the API to answer with and the bridge core's handler. */
export interface TelegramPressDeps {
  readonly api: Api;
  readonly onPress: PressHandler;
  readonly logger?: Logger;
  /** The bot token, only to strip it from logged errors. */
  readonly token?: string;
}

/** Telegram's limit on a callback answer's text. */
const ANSWER_LIMIT = 200;

/** Shown for buttons the bridge did not make (or a press on something that is not a card). */
export const NOT_A_SEC0_BUTTON = "This is not a sec0 button.";

/** Shown when the bridge core failed on a press. */
export const PRESS_FAILED_TEXT = "Your vote could not be recorded. Please try again in a moment.";

/**
 * Handles one button press, the same way for webhook and long polling: decodes the button, hands
 * the press to the bridge core, always answers the callback query (an alert for refusals) and
 * edits the card when the outcome carries one. Never throws; failures are logged.
 *
 * @example
 * await handleCallbackQuery(update.callback_query, { api: bot.api, onPress });
 */
export async function handleCallbackQuery(query: CallbackQuery, deps: TelegramPressDeps): Promise<void> {
  const logger = deps.logger ?? silentLogger;
  const button = decodeButton(query.data);
  const message = query.message;
  if (button === undefined || message === undefined) {
    await answer(deps, query.id, NOT_A_SEC0_BUTTON, true);
    return;
  }
  const posted = {
    platform: "telegram",
    channelId: String(message.chat.id),
    messageId: String(message.message_id),
  } as const;
  let outcome: PressOutcome;
  try {
    outcome = await deps.onPress({
      platform: "telegram",
      pressId: query.id,
      escalationId: button.escalationId,
      verdict: button.verdict,
      userId: String(query.from.id),
      ...(query.from.username === undefined ? {} : { userName: query.from.username }),
      channelId: posted.channelId,
      messageId: posted.messageId,
    });
  } catch (error) {
    const described =
      error instanceof Sec0Error ? error.toJSON() : { message: redactTelegramToken(String(error)) };
    logger.error({ escalationId: button.escalationId, error: described }, "telegram press failed");
    await answer(deps, query.id, PRESS_FAILED_TEXT, true);
    return;
  }
  await answer(deps, query.id, outcome.text, outcome.kind === "refused");
  if (outcome.card === undefined) return;
  try {
    await editTelegramCard(deps.api, posted, outcome.card, deps.token);
  } catch (error) {
    const described = toTelegramError(error, "editMessageText", deps.token).toJSON();
    logger.warn({ escalationId: button.escalationId, error: described }, "telegram card edit failed");
  }
}

async function answer(
  deps: TelegramPressDeps,
  queryId: string,
  text: string,
  showAlert: boolean,
): Promise<void> {
  const chars = Array.from(text);
  const cut = chars.length > ANSWER_LIMIT ? `${chars.slice(0, ANSWER_LIMIT - 1).join("")}…` : text;
  try {
    await deps.api.answerCallbackQuery(queryId, { text: cut, show_alert: showAlert });
  } catch (error) {
    const described = toTelegramError(error, "answerCallbackQuery", deps.token).toJSON();
    (deps.logger ?? silentLogger).warn({ error: described }, "telegram callback answer failed");
  }
}
