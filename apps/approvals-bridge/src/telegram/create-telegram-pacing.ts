import { Sec0Error } from "@sec0/core";
import type { Transformer } from "grammy";

/** Options of {@link createTelegramPacing}. */
export interface TelegramPacingOptions {
  /** Least milliseconds between two calls to the same chat (default 1000: Telegram's per-chat pace). */
  readonly chatIntervalMs?: number;
  /** Retries of a call Telegram answered 429 (default 3). */
  readonly maxRetries?: number;
  /** A 429 asking to wait longer than this many seconds is not retried (default 60). */
  readonly maxRetryAfterSeconds?: number;
  /** Milliseconds clock (tests). */
  readonly now?: () => number;
}

interface ChatLane {
  tail: Promise<unknown>;
  lastAt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A grammY API transformer that paces the bot: calls naming a `chat_id` run one at a time per chat,
 * at least `chatIntervalMs` apart, and a 429 is retried after its `retry_after` (at most
 * `maxRetries` times; then the 429 stands). `getUpdates` passes through (grammY paces it itself).
 *
 * @throws {Sec0Error} `BRIDGE_TELEGRAM_CONFIG_INVALID` for a negative interval or retry count.
 * @example
 * bot.api.config.use(createTelegramPacing({ chatIntervalMs: 1000 }));
 */
export function createTelegramPacing(options: TelegramPacingOptions = {}): Transformer {
  const interval = options.chatIntervalMs ?? 1000;
  const maxRetries = options.maxRetries ?? 3;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const now = options.now ?? Date.now;
  if (!(interval >= 0) || !(maxRetries >= 0) || !(maxRetryAfter >= 0)) {
    throw new Sec0Error(
      "BRIDGE_TELEGRAM_CONFIG_INVALID",
      "Telegram pacing needs chatIntervalMs, maxRetries and maxRetryAfterSeconds of 0 or more.",
    );
  }
  const lanes = new Map<string, ChatLane>();

  const inLane = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const lane = lanes.get(key) ?? { tail: Promise.resolve(), lastAt: Number.NEGATIVE_INFINITY };
    lanes.set(key, lane);
    const run = lane.tail.then(async () => {
      const wait = lane.lastAt + interval - now();
      if (wait > 0) await sleep(wait);
      lane.lastAt = now();
      return task();
    });
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    lane.tail = tail;
    // Forget an idle chat once its interval has passed, so the map stays as small as the traffic.
    void tail.then(() => {
      setTimeout(() => {
        if (lanes.get(key) === lane && lane.tail === tail) lanes.delete(key);
      }, interval).unref();
    });
    return run;
  };

  return async (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const call = async () => {
      for (let attempt = 0; ; attempt++) {
        const response = await prev(method, payload, signal);
        if (response.ok || response.error_code !== 429 || attempt >= maxRetries) return response;
        const retryAfter = response.parameters?.retry_after ?? 1;
        if (retryAfter > maxRetryAfter || signal?.aborted === true) return response;
        await sleep(retryAfter * 1000);
      }
    };
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    return chatId === undefined || chatId === null ? call() : inLane(String(chatId), call);
  };
}
