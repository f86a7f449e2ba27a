import { type Logger, silentLogger } from "@sec0/core";
import type { Bot } from "grammy";
import type { PressHandler } from "../platforms/platform.js";
import type { ClaimOnce } from "../state/bridge-state.js";
import { claimTelegramUpdate } from "./claim-telegram-update.js";
import { handleCallbackQuery } from "./handle-callback-query.js";
import { toTelegramError } from "./to-telegram-error.js";

/** Options of {@link startTelegramPolling}. */
export interface TelegramPollingOptions {
  /** A bot used for nothing else's middleware: polling adds its handler and starts it. */
  readonly bot: Bot;
  readonly onPress: PressHandler;
  readonly claim: ClaimOnce;
  readonly logger?: Logger;
  /** Long-poll timeout of each getUpdates, in seconds (default 30). */
  readonly timeoutSeconds?: number;
}

/** A running long-polling loop. */
export interface TelegramPolling {
  /** Stops polling (the pending getUpdates is cancelled, the offset confirmed) and waits for presses in flight. */
  stop(): Promise<void>;
  /** Settles when the loop has ended, for whatever reason (a failure is logged, not thrown). */
  readonly stopped: Promise<void>;
}

/**
 * Receives button presses by long polling (`getUpdates`) instead of a webhook, for bridges without
 * a public URL. grammY deletes any webhook first. Presses are handled like webhook ones (claimed
 * once per update id, answered, card edited), concurrently, so one slow press blocks no other.
 *
 * @example
 * const polling = startTelegramPolling({ bot, onPress, claim: (key, ttl) => state.claim(key, ttl) });
 * process.once("SIGTERM", () => void polling.stop());
 */
export function startTelegramPolling(options: TelegramPollingOptions): TelegramPolling {
  const { bot } = options;
  const logger = options.logger ?? silentLogger;
  const inFlight = new Set<Promise<void>>();
  const deps = { api: bot.api, onPress: options.onPress, logger, token: bot.token };
  bot.on("callback_query", (ctx) => {
    const work = (async () => {
      if (await claimTelegramUpdate(options.claim, ctx.update.update_id, logger)) {
        await handleCallbackQuery(ctx.callbackQuery, deps);
      }
    })();
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  bot.catch((error) => {
    logger.error(
      { error: toTelegramError(error.error, "update", bot.token).toJSON() },
      "telegram update failed",
    );
  });
  // Our own init first: grammY's start() retries getMe without end and without a signal.
  const abort = new AbortController();
  const stopped = (async () => {
    await bot.init(abort.signal as Parameters<Bot["init"]>[0]);
    if (abort.signal.aborted) return;
    await bot.start({ allowed_updates: ["callback_query"], timeout: options.timeoutSeconds ?? 30 });
  })().catch((error: unknown) => {
    if (abort.signal.aborted) return;
    logger.error(
      { error: toTelegramError(error, "getUpdates", bot.token).toJSON() },
      "telegram polling ended",
    );
  });
  return {
    stopped,
    async stop() {
      abort.abort();
      if (bot.isRunning()) {
        await bot.stop().catch((error: unknown) => {
          logger.warn(
            { error: toTelegramError(error, "getUpdates", bot.token).toJSON() },
            "telegram polling stop failed",
          );
        });
      }
      await stopped;
      await Promise.allSettled([...inFlight]);
    },
  };
}
