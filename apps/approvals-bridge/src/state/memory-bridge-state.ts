import type { PostedCard } from "../platforms/platform.js";
import type { BridgeState } from "./bridge-state.js";
import { checkTtl } from "./check-ttl.js";
import { compareCards } from "./compare-cards.js";

/** Options of {@link createMemoryBridgeState}. */
export interface MemoryBridgeStateOptions {
  /** Milliseconds clock (tests). */
  readonly now?: () => number;
  /** Most keys kept; the oldest expire first when full (default 100 000). */
  readonly capacity?: number;
}

/**
 * The bridge state of one process: claims and cards in maps with expiry, bounded. The same
 * semantics as the Redis state (one suite tests both).
 */
export function createMemoryBridgeState(options: MemoryBridgeStateOptions = {}): BridgeState {
  const now = options.now ?? Date.now;
  const capacity = options.capacity ?? 100_000;
  const claims = new Map<string, number>();
  const cards = new Map<string, { until: number; list: PostedCard[] }>();
  const sweep = (map: Map<string, unknown>, untilOf: (value: never) => number) => {
    const t = now();
    for (const [key, value] of map) {
      if (untilOf(value as never) > t && map.size <= capacity) break;
      map.delete(key);
    }
  };
  return {
    async claim(key, ttlMs) {
      const ttl = checkTtl(ttlMs);
      const t = now();
      const until = claims.get(key);
      if (until !== undefined && until > t) return false;
      claims.delete(key);
      claims.set(key, t + ttl);
      sweep(claims, (u: number) => u);
      return true;
    },
    async release(key) {
      claims.delete(key);
    },
    async cards(escalationId) {
      const entry = cards.get(escalationId);
      if (entry === undefined || entry.until <= now()) return [];
      return [...entry.list].sort(compareCards);
    },
    async addCard(escalationId, card, ttlMs) {
      const ttl = checkTtl(ttlMs);
      const entry = cards.get(escalationId);
      const list = entry !== undefined && entry.until > now() ? entry.list : [];
      if (!list.some((c) => c.platform === card.platform && c.channelId === card.channelId)) list.push(card);
      cards.delete(escalationId);
      cards.set(escalationId, { until: now() + ttl, list });
      sweep(cards, (e: { until: number }) => e.until);
    },
    async close() {
      claims.clear();
      cards.clear();
    },
  };
}
