export {
  ADMISSION_TEXTS,
  admitDiscordPress,
  type DiscordPressAdmission,
  INTERACTION_CLAIM_TTL_MS,
} from "./admit-discord-press.js";
export {
  completeDiscordPress,
  type DiscordPressCompletion,
  PRESS_FAILED_TEXT,
} from "./complete-discord-press.js";
export {
  createDiscordCardPoster,
  createDiscordRest,
  type DiscordCardPosterOptions,
} from "./discord-card-poster.js";
export { DISCORD_ERRORS, type DiscordErrorCode, toDiscordRequestError } from "./discord-errors.js";
export {
  type DiscordGatewayBot,
  type DiscordGatewayBotOptions,
  startDiscordGatewayBot,
} from "./discord-gateway-bot.js";
export {
  type DiscordComponentInteraction,
  readDiscordComponentInteraction,
} from "./read-discord-interaction.js";
export {
  type DiscordInteractions,
  type DiscordInteractionsOptions,
  INTERACTION_BODY_LIMIT,
  registerDiscordInteractions,
} from "./register-discord-interactions.js";
export {
  DISCORD_LIMITS,
  type DiscordCardBody,
  escapeCodeBlock,
  renderDiscordCard,
} from "./render-discord-card.js";
export {
  createDiscordPublicKey,
  DEFAULT_MAX_SKEW_SECONDS,
  type DiscordRequestCheck,
  type DiscordRequestRefusal,
  type DiscordRequestToVerify,
  verifyDiscordRequest,
  verifyDiscordSignature,
} from "./verify-discord-request.js";
