import type { PostedCard } from "../platforms/platform.js";

/** Orders cards by platform, then channel id (how both bridge states list an escalation's cards). */
export function compareCards(a: PostedCard, b: PostedCard): number {
  if (a.platform !== b.platform) return a.platform < b.platform ? -1 : 1;
  if (a.channelId !== b.channelId) return a.channelId < b.channelId ? -1 : 1;
  return 0;
}
