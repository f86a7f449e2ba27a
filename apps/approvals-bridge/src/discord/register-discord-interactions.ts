import type { REST } from "@discordjs/rest";
import type { Logger } from "@sec0/core";
import { InteractionResponseType, InteractionType, MessageFlags } from "discord-api-types/v10";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PressHandler } from "../platforms/platform.js";
import type { ClaimOnce } from "../state/bridge-state.js";
import { admitDiscordPress } from "./admit-discord-press.js";
import { completeDiscordPress } from "./complete-discord-press.js";
import { readDiscordComponentInteraction } from "./read-discord-interaction.js";
import { createDiscordPublicKey, verifyDiscordRequest } from "./verify-discord-request.js";

/** Options of {@link registerDiscordInteractions}. */
export interface DiscordInteractionsOptions {
  /** Route path (default `/discord/interactions`). */
  readonly path?: string;
  /** The application's Ed25519 public key, 64 hex characters. */
  readonly publicKey: string;
  readonly applicationId: string;
  readonly rest: REST;
  readonly onPress: PressHandler;
  readonly claim: ClaimOnce;
  /** Now in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** Tolerated timestamp skew (default 300 s). */
  readonly maxSkewSeconds?: number;
  /** Default: the app's logger. */
  readonly logger?: Logger;
}

/** A handle on the registered endpoint. */
export interface DiscordInteractions {
  /** Resolves once every press answered so far has been completed (edits and follow-ups sent). */
  whenIdle(): Promise<void>;
}

/** Discord interactions are small; anything bigger is not from Discord. */
export const INTERACTION_BODY_LIMIT = 64 * 1024;

type Json = Record<string, unknown>;

function ephemeral(content: string): Json {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: MessageFlags.Ephemeral },
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Registers Discord's interactions endpoint (HTTP interactions): verifies each request's Ed25519
 * signature over the raw body, answers PING, and turns sec0 button presses into `onPress` calls.
 * A press is acknowledged at once with a deferred update (Discord allows 3 s); the vote, the card
 * edit and the presser's ephemeral follow-up happen after the answer went out. The raw-body JSON
 * parser is scoped to this route; the rest of the app keeps Fastify's own.
 *
 * @throws Sec0Error `BRIDGE_DISCORD_CONFIG_INVALID` when `publicKey` is not 32 bytes of hex.
 * @example
 * const discord = registerDiscordInteractions(app, { publicKey, applicationId, rest, onPress, claim });
 * app.addHook("onClose", () => discord.whenIdle());
 */
export function registerDiscordInteractions(
  app: FastifyInstance,
  options: DiscordInteractionsOptions,
): DiscordInteractions {
  const publicKey = createDiscordPublicKey(options.publicKey);
  const logger: Logger = options.logger ?? app.log;
  const inFlight = new Set<Promise<void>>();
  const afterResponse = new WeakMap<FastifyRequest, () => Promise<void>>();

  const track = (work: () => Promise<void>): void => {
    const running = work().finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  const answerComponent = async (payload: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const interaction = readDiscordComponentInteraction(payload);
    if (interaction === undefined) return reply.code(400).send({ error: "malformed component interaction" });
    const admission = await admitDiscordPress(interaction, options.claim, logger);
    if (admission.kind === "refused") return ephemeral(admission.text);
    // Started only once the deferred answer is sent: follow-ups need Discord to have had it.
    afterResponse.set(request, () =>
      completeDiscordPress({
        rest: options.rest,
        applicationId: interaction.applicationId,
        interactionToken: interaction.token,
        press: admission.press,
        onPress: options.onPress,
        logger,
      }),
    );
    return { type: InteractionResponseType.DeferredMessageUpdate };
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const check = verifyDiscordRequest({
      publicKey,
      signature: header(request, "x-signature-ed25519"),
      timestamp: header(request, "x-signature-timestamp"),
      body,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.maxSkewSeconds === undefined ? {} : { maxSkewSeconds: options.maxSkewSeconds }),
    });
    if (!check.ok) {
      logger.warn({ reason: check.reason }, "discord interaction refused");
      return reply.code(401).send({ error: "invalid request signature" });
    }
    const payload = parseJson(body);
    const type = typeof payload === "object" && payload !== null ? (payload as Json).type : undefined;
    if (type === InteractionType.Ping) return { type: InteractionResponseType.Pong };
    if (type === InteractionType.MessageComponent) return answerComponent(payload, request, reply);
    return reply
      .code(400)
      .send({ error: payload === undefined ? "malformed JSON" : "unsupported interaction type" });
  };

  app.register(async (scope) => {
    if (scope.hasContentTypeParser("application/json")) scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "buffer", bodyLimit: INTERACTION_BODY_LIMIT },
      (_request, raw, done) => done(null, raw),
    );
    scope.addHook("onResponse", async (request) => {
      const work = afterResponse.get(request);
      if (work === undefined) return;
      afterResponse.delete(request);
      track(work);
    });
    scope.addHook("onClose", async () => {
      await Promise.all([...inFlight]);
    });
    scope.post(options.path ?? "/discord/interactions", { bodyLimit: INTERACTION_BODY_LIMIT }, handle);
  });

  return {
    async whenIdle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
