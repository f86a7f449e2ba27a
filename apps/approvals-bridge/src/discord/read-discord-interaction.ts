import { z } from "zod";

const userSchema = z.object({
  id: z.string().min(1).max(32),
  username: z.string().max(64).optional(),
  global_name: z.string().max(64).nullish(),
});

/** The fields of a component interaction the bridge reads; everything else is ignored. */
const componentInteractionSchema = z.object({
  id: z.string().min(1).max(32),
  application_id: z.string().min(1).max(32),
  type: z.literal(3),
  token: z.string().min(1).max(1000),
  channel_id: z.string().min(1).max(32).optional(),
  data: z.object({ custom_id: z.string().max(100), component_type: z.number().int() }),
  message: z.object({ id: z.string().min(1).max(32), channel_id: z.string().min(1).max(32).optional() }),
  member: z.object({ user: userSchema }).optional(),
  user: userSchema.optional(),
});

/** A message-component interaction, as far as the bridge reads it. */
export interface DiscordComponentInteraction {
  readonly id: string;
  readonly applicationId: string;
  /** The interaction token: a credential for 15 minutes. Never log it. */
  readonly token: string;
  readonly customId: string;
  readonly channelId: string;
  readonly messageId: string;
  readonly userId: string;
  readonly userName?: string;
}

/**
 * Reads a MESSAGE_COMPONENT interaction payload (already signature-checked) into the fields the
 * bridge uses; `undefined` when it lacks any of them.
 *
 * @example
 * const interaction = readDiscordComponentInteraction(JSON.parse(raw));
 */
export function readDiscordComponentInteraction(payload: unknown): DiscordComponentInteraction | undefined {
  const parsed = componentInteractionSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const value = parsed.data;
  const user = value.member?.user ?? value.user;
  const channelId = value.channel_id ?? value.message.channel_id;
  if (user === undefined || channelId === undefined) return undefined;
  const userName = user.global_name ?? user.username;
  return {
    id: value.id,
    applicationId: value.application_id,
    token: value.token,
    customId: value.data.custom_id,
    channelId,
    messageId: value.message.id,
    userId: user.id,
    ...(userName === undefined ? {} : { userName }),
  };
}
