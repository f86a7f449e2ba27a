import { Sec0Error } from "@sec0/core";
import type { Redis } from "ioredis";
import type { PlatformName, PostedCard } from "../platforms/platform.js";
import type { BridgeState } from "./bridge-state.js";
import { checkTtl } from "./check-ttl.js";
import { compareCards } from "./compare-cards.js";

/** Options of {@link createRedisBridgeState}. */
export interface RedisBridgeStateOptions {
  /** The shared client (see `createRedisClient` in `@sec0/guard`); `close()` does not quit it. */
  readonly redis: Redis;
  /** Prefix of every key (default `sec0:bridge:`). */
  readonly prefix?: string;
  /** Milliseconds a command may take before it rejects (default 2000). */
  readonly timeoutMs?: number;
}

/** Defaults of {@link createRedisBridgeState}. */
export const REDIS_BRIDGE_STATE_DEFAULTS = { prefix: "sec0:bridge:", timeoutMs: 2000 } as const;

const PLATFORMS: ReadonlySet<string> = new Set<PlatformName>(["discord", "telegram", "local"]);

/**
 * The bridge state every replica behind one Redis shares, with the semantics of the memory state:
 * a claim is `SET <prefix>claim:<key> 1 PX ttl NX` (true when it was set), `release` deletes it,
 * and an escalation's cards are a hash `<prefix>cards:<escalationId>` with one field per
 * `platform:channelId` (HSETNX, so the first card of a channel is kept and two replicas adding
 * cards at once never lose one) whose ttl each `addCard` renews (PEXPIRE, in the same MULTI).
 *
 * Fails closed: a Redis error, or a command slower than `timeoutMs`, rejects with
 * `BRIDGE_STATE_UNAVAILABLE`, so the caller posts no card and counts no vote rather than post
 * twice. A command that timed out may still have run in Redis (a claim then stays taken until its
 * ttl). `close()` leaves the client open: the caller that created it quits it.
 *
 * @throws {Sec0Error} `BRIDGE_STATE_INPUT_INVALID` for a timeoutMs that is not positive or an empty
 *   prefix (and, from the methods, for such a ttlMs); `BRIDGE_STATE_UNAVAILABLE` when Redis fails
 *   or is slow; `BRIDGE_STATE_REPLY_INVALID` from `cards` for a stored value that is not a card.
 * @example
 * const redis = createRedisClient(config.redisUrl);
 * const state = createRedisBridgeState({ redis });
 * if (await state.claim(`press:${press.pressId}`, 86_400_000)) await countVote(press);
 */
export function createRedisBridgeState(options: RedisBridgeStateOptions): BridgeState {
  const { redis } = options;
  const prefix = options.prefix ?? REDIS_BRIDGE_STATE_DEFAULTS.prefix;
  if (prefix === "") {
    throw new Sec0Error(
      "BRIDGE_STATE_INPUT_INVALID",
      "The Redis bridge state needs a non-empty key prefix.",
      {
        details: { field: "prefix" },
      },
    );
  }
  const timeoutMs = checkTtl(options.timeoutMs ?? REDIS_BRIDGE_STATE_DEFAULTS.timeoutMs, "timeoutMs");
  const claimKey = (key: string) => `${prefix}claim:${key}`;
  const cardsKey = (escalationId: string) => `${prefix}cards:${escalationId}`;
  const run = <T>(operation: string, command: () => Promise<T>) => withTimeout(operation, timeoutMs, command);

  return {
    async claim(key, ttlMs) {
      const ttl = checkTtl(ttlMs);
      const reply = await run("claim", () => redis.set(claimKey(key), "1", "PX", ttl, "NX"));
      return reply === "OK";
    },
    async release(key) {
      await run("release", () => redis.del(claimKey(key)));
    },
    async cards(escalationId) {
      const fields = await run("cards", () => redis.hgetall(cardsKey(escalationId)));
      return Object.values(fields).map(parseCard).sort(compareCards);
    },
    async addCard(escalationId, card, ttlMs) {
      const ttl = checkTtl(ttlMs);
      const key = cardsKey(escalationId);
      const json = JSON.stringify({
        platform: card.platform,
        channelId: card.channelId,
        messageId: card.messageId,
      });
      const replies = await run("addCard", () =>
        redis.multi().hsetnx(key, `${card.platform}:${card.channelId}`, json).pexpire(key, ttl).exec(),
      );
      const failed = replies?.find(([error]) => error !== null)?.[0];
      if (replies === null || failed)
        throw unavailable("addCard", failed ?? new Error("transaction aborted"));
    },
    async close() {
      // The client belongs to the caller (other stores may share it): it is not quit here.
    },
  };
}

async function withTimeout<T>(operation: string, timeoutMs: number, command: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  try {
    return await Promise.race([command(), timeout]);
  } catch (error) {
    throw unavailable(operation, error);
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(operation: string, error: unknown): Sec0Error<"BRIDGE_STATE_UNAVAILABLE"> {
  const reason = redactUrl(error instanceof Error ? error.message : String(error));
  // The driver's error is not attached as `cause`: its command arguments and options stay out of logs.
  return new Sec0Error(
    "BRIDGE_STATE_UNAVAILABLE",
    `The Redis bridge state could not ${operation} (${reason}); check that Redis is reachable.`,
    { details: { operation, reason } },
  );
}

function parseCard(json: string): PostedCard {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  const card = value as Partial<Record<keyof PostedCard, unknown>> | undefined;
  if (
    typeof card !== "object" ||
    card === null ||
    typeof card.platform !== "string" ||
    !PLATFORMS.has(card.platform) ||
    typeof card.channelId !== "string" ||
    typeof card.messageId !== "string"
  ) {
    throw new Sec0Error(
      "BRIDGE_STATE_REPLY_INVALID",
      "A card stored in Redis is not a posted card; delete the key.",
      {
        details: { operation: "cards" },
      },
    );
  }
  return { platform: card.platform as PlatformName, channelId: card.channelId, messageId: card.messageId };
}

/** Drops a password from any `redis://user:password@host` in `text`. */
function redactUrl(text: string): string {
  return text.replace(/(rediss?:\/\/[^:@/\s]*:)[^@\s]*@/g, "$1***@");
}
