import type { REST } from "@discordjs/rest";
import type { Logger } from "@sec0/core";
import { isSec0Error } from "@sec0/core";
import { MessageFlags, Routes } from "discord-api-types/v10";
import type { EscalationCard, Press, PressHandler, PressOutcome } from "../platforms/platform.js";
import { toDiscordRequestError } from "./discord-errors.js";
import { renderDiscordCard } from "./render-discord-card.js";

/** What finishing a deferred press needs. */
export interface DiscordPressCompletion {
  readonly rest: REST;
  readonly applicationId: string;
  /** The interaction token (a 15-minute credential in the webhook URL). Never logged. */
  readonly interactionToken: string;
  readonly press: Press;
  readonly onPress: PressHandler;
  readonly logger: Logger;
}

/** Shown when the bridge core failed on a press. */
export const PRESS_FAILED_TEXT = "The approvals bridge could not record your press; try again.";

async function editOriginal(completion: DiscordPressCompletion, card: EscalationCard): Promise<void> {
  const route = Routes.webhookMessage(completion.applicationId, completion.interactionToken, "@original");
  try {
    // Interaction webhooks authenticate by the token in the URL, not the bot token.
    await completion.rest.patch(route, { body: renderDiscordCard(card), auth: false });
  } catch (error) {
    throw toDiscordRequestError("PATCH /webhooks/{application}/{token}/messages/@original", error);
  }
}

async function followUp(completion: DiscordPressCompletion, text: string): Promise<void> {
  const route = Routes.webhook(completion.applicationId, completion.interactionToken);
  const body = {
    content: text.slice(0, 2000),
    flags: MessageFlags.Ephemeral,
    allowed_mentions: { parse: [] },
  };
  try {
    await completion.rest.post(route, { body, auth: false });
  } catch (error) {
    throw toDiscordRequestError("POST /webhooks/{application}/{token}", error);
  }
}

async function decide(completion: DiscordPressCompletion): Promise<PressOutcome | undefined> {
  try {
    return await completion.onPress(completion.press);
  } catch (error) {
    const reason = isSec0Error(error) ? error.code : error instanceof Error ? error.name : "unknown";
    completion.logger.error({ pressId: completion.press.pressId, reason }, "discord press handler failed");
    return undefined;
  }
}

async function attempt(completion: DiscordPressCompletion, step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    const details = isSec0Error(error) ? error.toJSON() : { message: "unexpected error" };
    completion.logger.error(
      { pressId: completion.press.pressId, error: details },
      "discord press reply failed",
    );
    return false;
  }
}

/**
 * Finishes a press Discord was already told about (deferred update): asks the bridge core, then
 * edits the card and tells the presser the outcome in an ephemeral follow-up (sent even when the
 * edit fails). Never throws: failures are logged (without the token) since nobody is left to answer.
 *
 * @example
 * await completeDiscordPress({ rest, applicationId, interactionToken, press, onPress, logger });
 */
export async function completeDiscordPress(completion: DiscordPressCompletion): Promise<void> {
  const outcome = await decide(completion);
  if (outcome === undefined) {
    await attempt(completion, () => followUp(completion, PRESS_FAILED_TEXT));
    return;
  }
  const { card } = outcome;
  const isEdited = card === undefined || (await attempt(completion, () => editOriginal(completion, card)));
  const isTold = await attempt(completion, () => followUp(completion, outcome.text));
  const { press, logger } = completion;
  logger.info(
    { pressId: press.pressId, escalationId: press.escalationId, outcome: outcome.kind, isEdited, isTold },
    "discord press done",
  );
}
