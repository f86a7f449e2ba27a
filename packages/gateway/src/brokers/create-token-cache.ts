import type { Clock } from "@sec0/core";

/** Tokens by key, each until its expiry, with one fetch in flight per key. */
export interface TokenCache {
  /** The cached token for `key`, or the result of `fetch` shared by every concurrent caller. */
  get(key: string, fetch: () => Promise<{ token: string; lifetimeMs: number }>): Promise<string>;
  clear(): void;
}

/**
 * Creates a {@link TokenCache} holding at most `maxEntries` tokens (oldest dropped first). A
 * failed fetch is not cached: the next call tries again, and all callers waiting on it reject.
 */
export function createTokenCache(clock: Clock, maxEntries: number): TokenCache {
  const tokens = new Map<string, { readonly token: string; readonly expiresAt: number }>();
  const inflight = new Map<string, Promise<string>>();
  return {
    get(key, fetch) {
      const cached = tokens.get(key);
      if (cached !== undefined && cached.expiresAt > clock.now()) return Promise.resolve(cached.token);
      tokens.delete(key);
      const running = inflight.get(key);
      if (running !== undefined) return running;
      const pending = fetch()
        .then(({ token, lifetimeMs }) => {
          if (lifetimeMs > 0) {
            while (tokens.size >= Math.max(1, maxEntries))
              tokens.delete(tokens.keys().next().value as string);
            tokens.set(key, { token, expiresAt: clock.now() + lifetimeMs });
          }
          return token;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, pending);
      return pending;
    },
    clear() {
      tokens.clear();
    },
  };
}
