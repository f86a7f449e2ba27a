import type { CardPoster, EscalationCard, PostedCard } from "../platforms/platform.js";
import { LOCAL_CHANNEL_ID } from "./local-config.js";

/** The cards of the local page, kept in this process's memory (one bridge process, not replicas). */
export interface LocalCardStore {
  /** The poster the bridge core posts and edits local cards through. */
  readonly poster: CardPoster;
  /** Stores `card` as its escalation's current card (a new one counts as the newest). */
  put(card: EscalationCard): void;
  get(escalationId: string): EscalationCard | undefined;
  /** Pending cards first, then the rest; newest first within each; at most `limit` of the newest. */
  list(limit: number): EscalationCard[];
}

/** Defaults of {@link createLocalCardStore}. */
export const LOCAL_CARD_STORE_DEFAULTS = { maxCards: 1000 } as const;

/**
 * Creates the in-memory store of local cards, bounded to the `maxCards` newest (the oldest is
 * dropped first). `postCard` and `editCard` store the card keyed by escalation id.
 *
 * @example
 * const store = createLocalCardStore();
 * const posters = { local: store.poster };
 */
export function createLocalCardStore(options: { readonly maxCards?: number } = {}): LocalCardStore {
  const maxCards = Math.max(1, options.maxCards ?? LOCAL_CARD_STORE_DEFAULTS.maxCards);
  // Insertion order is age order: a Map iterates oldest first.
  const cards = new Map<string, EscalationCard>();
  const put = (card: EscalationCard): void => {
    // Map.set keeps a known key's place: an edit keeps the card's age.
    cards.set(card.escalationId, card);
    while (cards.size > maxCards) {
      const oldest = cards.keys().next().value;
      if (oldest === undefined) break;
      cards.delete(oldest);
    }
  };
  const posted = (card: EscalationCard): PostedCard => ({
    platform: "local",
    channelId: LOCAL_CHANNEL_ID,
    messageId: card.escalationId,
  });
  return {
    poster: {
      platform: "local",
      async postCard(_channelId, card) {
        put(card);
        return posted(card);
      },
      async editCard(_posted, card) {
        put(card);
      },
    },
    put,
    get: (escalationId) => cards.get(escalationId),
    list(limit) {
      const newest = [...cards.values()].reverse().slice(0, Math.max(0, limit));
      return [
        ...newest.filter((card) => card.status === "pending"),
        ...newest.filter((card) => card.status !== "pending"),
      ];
    },
  };
}
