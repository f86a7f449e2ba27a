import type { PostedCard } from "../platforms/platform.js";

/**
 * The state bridge replicas share: one-time claims (event ids, nonces, press ids, card posts) and
 * where each escalation's cards are. In memory for one process; Redis for several behind one URL.
 */
export interface BridgeState {
  /** `true` the first time `key` is claimed within `ttlMs` (on any replica), `false` after. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed and may be retried). */
  release(key: string): Promise<void>;
  /** The cards posted for an escalation. */
  cards(escalationId: string): Promise<PostedCard[]>;
  /** Records a posted card (kept `ttlMs`). */
  addCard(escalationId: string, card: PostedCard, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** A one-time claim, as the platform adapters use it for replayed interactions and updates. */
export type ClaimOnce = (key: string, ttlMs: number) => Promise<boolean>;
