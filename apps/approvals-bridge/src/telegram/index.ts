export { claimTelegramUpdate, TELEGRAM_UPDATE_CLAIM_TTL_MS } from "./claim-telegram-update.js";
export { createTelegramPacing, type TelegramPacingOptions } from "./create-telegram-pacing.js";
export { editTelegramCard } from "./edit-telegram-card.js";
export { escapeAndCut, escapeTelegramHtml } from "./escape-telegram-html.js";
export {
  handleCallbackQuery,
  NOT_A_SEC0_BUTTON,
  PRESS_FAILED_TEXT,
  type TelegramPressDeps,
} from "./handle-callback-query.js";
export { registerTelegramWebhook, type TelegramWebhookOptions } from "./register-telegram-webhook.js";
export {
  renderTelegramCard,
  TELEGRAM_CALLBACK_DATA_LIMIT,
  TELEGRAM_MESSAGE_LIMIT,
  type TelegramCardMessage,
} from "./render-telegram-card.js";
export {
  startTelegramPolling,
  type TelegramPolling,
  type TelegramPollingOptions,
} from "./start-telegram-polling.js";
export { createTelegramCardPoster, type TelegramCardPosterOptions } from "./telegram-card-poster.js";
export { TELEGRAM_ERRORS, type TelegramErrorCode } from "./telegram-errors.js";
export { isMessageNotModified, redactTelegramToken, toTelegramError } from "./to-telegram-error.js";
export { isTelegramSecretValid, TELEGRAM_SECRET_TOKEN_PATTERN } from "./verify-telegram-secret.js";
