import type { Principal } from "./principal.js";

/** Verified bearer tokens, so a token presented again is not verified again while it is fresh. */
export interface VerifiedTokenCache {
  /** The principal of `token` if it was verified less than the cache's TTL ago and has not expired. */
  get(token: string, nowMs: number): Principal | undefined;
  set(token: string, principal: Principal, nowMs: number): void;
  clear(): void;
}

interface Entry {
  readonly principal: Principal;
  /** The earliest of the token's own `exp` (with no tolerance) and the cache TTL. */
  readonly until: number;
}

/**
 * A bounded cache of verified tokens: an entry lives for `ttlMs` (default 30 s) and never past the
 * token's `exp`, so a key withdrawn from the JWKS stops a token within `ttlMs`; at `maxEntries`
 * (default 10 000) the oldest entry goes. Keyed by the whole token, never by a part of it.
 * Signature checks are the gateway's largest cost per call (ES256 verify), and a caller presents
 * the same token on every call of a session.
 */
export function createVerifiedTokenCache(
  options: { ttlMs?: number; maxEntries?: number } = {},
): VerifiedTokenCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  return {
    get(token, nowMs) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (nowMs >= entry.until) {
        entries.delete(token);
        return undefined;
      }
      return entry.principal;
    },
    set(token, principal, nowMs) {
      if (ttlMs <= 0) return;
      const exp = principal.claims?.exp;
      const until = Math.min(nowMs + ttlMs, exp === undefined ? nowMs + ttlMs : exp * 1000);
      if (until <= nowMs) return;
      entries.delete(token);
      entries.set(token, { principal, until });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    clear: () => entries.clear(),
  };
}
