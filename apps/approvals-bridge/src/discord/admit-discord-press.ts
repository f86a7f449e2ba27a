import type { Logger } from "@sec0/core";
import type { Press } from "../platforms/platform.js";
import { decodeButton } from "../platforms/platform.js";
import type { ClaimOnce } from "../state/bridge-state.js";
import type { DiscordComponentInteraction } from "./read-discord-interaction.js";

/** How long an interaction id stays claimed: an interaction token lives 15 minutes. */
export const INTERACTION_CLAIM_TTL_MS = 15 * 60 * 1000;

/** Texts shown (ephemerally) to a presser whose press was not admitted. */
export const ADMISSION_TEXTS = Object.freeze({
  unknownButton: "That is not a sec0 button.",
  replayed: "This press was already handled.",
  unavailable: "The approvals bridge cannot take presses right now; try again in a moment.",
});

/** Whether a press goes on to the bridge core, or is answered at once with a refusal. */
export type DiscordPressAdmission =
  | { readonly kind: "admitted"; readonly press: Press }
  | { readonly kind: "refused"; readonly text: string };

/**
 * Decides, before any vote, whether a verified component interaction is a sec0 press seen for
 * the first time: the button data is ours and the interaction id was never claimed before (on any
 * replica). A failing claim store refuses (fail closed: a vote must not be counted twice).
 *
 * @example
 * const admission = await admitDiscordPress(interaction, claim, logger);
 */
export async function admitDiscordPress(
  interaction: DiscordComponentInteraction,
  claim: ClaimOnce,
  logger: Logger,
): Promise<DiscordPressAdmission> {
  const button = decodeButton(interaction.customId);
  if (button === undefined) return { kind: "refused", text: ADMISSION_TEXTS.unknownButton };
  let isFirst: boolean;
  try {
    isFirst = await claim(`discord:interaction:${interaction.id}`, INTERACTION_CLAIM_TTL_MS);
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error) },
      "discord press claim failed",
    );
    return { kind: "refused", text: ADMISSION_TEXTS.unavailable };
  }
  if (!isFirst) {
    logger.info({ interactionId: interaction.id }, "discord interaction replayed");
    return { kind: "refused", text: ADMISSION_TEXTS.replayed };
  }
  const press: Press = {
    platform: "discord",
    pressId: interaction.id,
    escalationId: button.escalationId,
    verdict: button.verdict,
    userId: interaction.userId,
    ...(interaction.userName === undefined ? {} : { userName: interaction.userName }),
    channelId: interaction.channelId,
    messageId: interaction.messageId,
  };
  return { kind: "admitted", press };
}
