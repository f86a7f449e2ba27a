/** Conversations whose inbound message failed its scan, each until its quarantine ends. */
export interface ConversationQuarantine {
  add(key: string): void;
  has(key: string | undefined): boolean;
}

/** Most conversations held at once; the oldest quarantine is dropped first beyond it. */
const MAX_QUARANTINED = 10_000;

/**
 * Creates the quarantine: `ttlMs` 0 keeps nothing (quarantine off).
 *
 * @example
 * const quarantine = createConversationQuarantine(3_600_000);
 * quarantine.add("agent:main:telegram:42");
 */
export function createConversationQuarantine(
  ttlMs: number,
  now: () => number = Date.now,
): ConversationQuarantine {
  const until = new Map<string, number>();
  return {
    add(key) {
      if (ttlMs <= 0) return;
      until.delete(key);
      until.set(key, now() + ttlMs);
      if (until.size > MAX_QUARANTINED) until.delete(until.keys().next().value as string);
    },
    has(key) {
      if (key === undefined) return false;
      const end = until.get(key);
      if (end === undefined) return false;
      if (end > now()) return true;
      until.delete(key);
      return false;
    },
  };
}

/**
 * The quarantine key of a message or tool context: its session key, else channel and conversation.
 *
 * @example
 * conversationKey({ channelId: "telegram", conversationId: "42" }); // "telegram:42"
 */
export function conversationKey(ctx: {
  readonly sessionKey?: string | undefined;
  readonly channelId?: string | undefined;
  readonly conversationId?: string | undefined;
}): string | undefined {
  if (typeof ctx.sessionKey === "string" && ctx.sessionKey !== "") return ctx.sessionKey;
  if (typeof ctx.channelId === "string" && typeof ctx.conversationId === "string")
    return `${ctx.channelId}:${ctx.conversationId}`;
  return undefined;
}
