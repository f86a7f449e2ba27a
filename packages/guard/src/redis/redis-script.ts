import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Lua script bound to one client: `run(keys, args)` sends EVALSHA, and EVAL once after NOSCRIPT. */
export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Registers `lua` on `client` (ioredis `defineCommand`, which caches the script by its SHA1 and
 * reloads it after a Redis restart) under a name derived from its hash, so several stores can share
 * one client.
 *
 * @example
 * const ping = defineRedisScript(client, "ping", "return redis.call('PING')");
 * await ping([], []);
 */
export function defineRedisScript(client: Redis, label: string, lua: string): RedisScript {
  const name = `sec0_${label}_${createHash("sha1").update(lua).digest("hex").slice(0, 12)}`;
  const commands = client as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>;
  if (typeof commands[name] !== "function") client.defineCommand(name, { lua });
  return (keys, args) => commands[name]!.call(client, keys.length, ...keys, ...args);
}
