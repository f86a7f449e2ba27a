import type { REST } from "@discordjs/rest";
import type { Logger } from "@sec0/core";
import { silentLogger } from "@sec0/core";
import {
  type ButtonInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
} from "discord.js";
import type { PressHandler } from "../platforms/platform.js";
import type { ClaimOnce } from "../state/bridge-state.js";
import { admitDiscordPress } from "./admit-discord-press.js";
import { completeDiscordPress } from "./complete-discord-press.js";
import type { DiscordComponentInteraction } from "./read-discord-interaction.js";

/** Options of {@link startDiscordGatewayBot}. */
export interface DiscordGatewayBotOptions {
  readonly token: string;
  readonly onPress: PressHandler;
  readonly claim: ClaimOnce;
  /** The REST client for edits and follow-ups (default: the gateway client's own). */
  readonly rest?: REST;
  readonly logger?: Logger;
}

/** A running gateway bot. */
export interface DiscordGatewayBot {
  readonly client: Client;
  stop(): Promise<void>;
}

function readButton(interaction: ButtonInteraction): DiscordComponentInteraction {
  const userName = interaction.user.globalName ?? interaction.user.username;
  return {
    id: interaction.id,
    applicationId: interaction.applicationId,
    token: interaction.token,
    customId: interaction.customId,
    channelId: interaction.channelId,
    messageId: interaction.message.id,
    userId: interaction.user.id,
    ...(userName ? { userName } : {}),
  };
}

async function onButton(
  interaction: ButtonInteraction,
  options: DiscordGatewayBotOptions,
  rest: REST,
  logger: Logger,
) {
  const button = readButton(interaction);
  const admission = await admitDiscordPress(button, options.claim, logger);
  if (admission.kind === "refused") {
    await interaction.reply({ content: admission.text, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferUpdate();
  await completeDiscordPress({
    rest,
    applicationId: button.applicationId,
    interactionToken: button.token,
    press: admission.press,
    onPress: options.onPress,
    logger,
  });
}

/**
 * Gateway mode, for bots without a public interactions URL: logs in over the gateway (Guilds
 * intent only) and handles sec0 button presses exactly as the HTTP endpoint does (same
 * admission, same deferred update, same completion). Untested against a real gateway: the tests
 * run offline, so only its types are checked.
 *
 * @example
 * const bot = await startDiscordGatewayBot({ token, onPress, claim });
 * process.once("SIGTERM", () => void bot.stop());
 */
export async function startDiscordGatewayBot(options: DiscordGatewayBotOptions): Promise<DiscordGatewayBot> {
  const logger = options.logger ?? silentLogger;
  const client = new Client({ intents: [GatewayIntentBits.Guilds] });
  const rest = options.rest ?? client.rest;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isButton()) return;
    onButton(interaction, options, rest, logger).catch((error: unknown) => {
      logger.error(
        { interactionId: interaction.id, reason: (error as Error)?.name ?? "unknown" },
        "discord gateway press failed",
      );
    });
  });
  await client.login(options.token);
  return {
    client,
    async stop() {
      await client.destroy();
    },
  };
}
