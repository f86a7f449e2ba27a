// What the bridge core and the platform adapters (Discord, Telegram, the local page) agree on.

/** The channels the bridge speaks: two chat platforms and its own local approvals page. */
export type PlatformName = "discord" | "telegram" | "local";

/** A human's verdict, as a button press carries it. */
export type Verdict = "approve" | "reject";

/**
 * What a card shows: exactly what is being approved. Built by the bridge core from the
 * escalation event (and the control plane's answer after a vote); the adapters only render it.
 */
export interface EscalationCard {
  readonly escalationId: string;
  readonly tenantId: string;
  /** `pending` while votes are open; anything else makes the card final (buttons removed). */
  readonly status: "pending" | "approved" | "rejected" | "expired";
  readonly violation: string;
  readonly severity: "low" | "medium" | "high" | "critical";
  /** What the requester asked for, already redacted and cut (at most 1500 characters). */
  readonly content: string;
  readonly toolRef?: string;
  /** sha256 hex of the call's arguments (the approval is bound to it). */
  readonly argsDigest?: string;
  readonly reasons: readonly string[];
  readonly nodeId?: string;
  readonly agentRef?: string;
  readonly ruleId?: string;
  readonly message?: string;
  /** ISO time after which a press is refused. */
  readonly expiresAt?: string;
  readonly approvals?: number;
  readonly rejections?: number;
  /** How many approvals it needs, when quorum applies. */
  readonly minApprovals?: number;
  /** Why it ended, for final cards (`Approved by alice (1 approval(s)).`). */
  readonly finalizationReason?: string;
}

/** Where a card was posted: enough to edit it later. */
export interface PostedCard {
  readonly platform: PlatformName;
  /** Discord channel id / Telegram chat id / `local` (the one local page). */
  readonly channelId: string;
  readonly messageId: string;
}

/** Posts and edits cards on one platform. Errors carry no token. */
export interface CardPoster {
  readonly platform: PlatformName;
  postCard(channelId: string, card: EscalationCard): Promise<PostedCard>;
  editCard(posted: PostedCard, card: EscalationCard): Promise<void>;
}

/** One button press, after the adapter verified it came from the platform. */
export interface Press {
  readonly platform: PlatformName;
  /** The platform's id of this interaction / update: a replay has the same one. */
  readonly pressId: string;
  readonly escalationId: string;
  readonly verdict: Verdict;
  /** The platform user id (Discord user snowflake, Telegram user id, the approver id on the local page), as a string. */
  readonly userId: string;
  readonly userName?: string;
  /** The chat pressed in; on the local page, which serves every tenant, the tenant of the card. */
  readonly channelId: string;
  readonly messageId: string;
}

/** What the bridge core decided about a press; the adapter tells the user and edits the card. */
export type PressOutcome =
  | {
      readonly kind: "counted";
      /** The card as it stands after the vote (final when the vote finalized it). */
      readonly card: EscalationCard;
      readonly text: string;
    }
  | {
      readonly kind: "refused";
      readonly reason:
        | "not_allowed"
        | "final"
        | "expired"
        | "unknown_escalation"
        | "duplicate"
        | "replayed"
        | "invalid"
        | "unavailable";
      /** Shown to the presser only (ephemeral / callback answer). */
      readonly text: string;
      /** The card to show instead, when the press revealed it is stale (final or expired). */
      readonly card?: EscalationCard;
    };

/** The bridge core's handler of verified presses. */
export type PressHandler = (press: Press) => Promise<PressOutcome>;

/** Encodes a press target in a button: `s0:<a|r>:<escalationId>` (Discord custom_id ≤ 100, Telegram callback_data ≤ 64 bytes). */
export function encodeButton(verdict: Verdict, escalationId: string): string {
  return `s0:${verdict === "approve" ? "a" : "r"}:${escalationId}`;
}

/** Longest escalation id a button can carry on both platforms (64 bytes minus `s0:a:`). */
export const MAX_BUTTON_ESCALATION_ID = 59;

/**
 * Decodes a button's data; `undefined` for anything the bridge did not make (checked again on the
 * server whatever the platform says: the data is attacker-controlled).
 */
export function decodeButton(data: unknown): { verdict: Verdict; escalationId: string } | undefined {
  if (typeof data !== "string" || Buffer.byteLength(data, "utf8") > 64) return undefined;
  const match = /^s0:([ar]):([A-Za-z0-9_-]{1,59})$/.exec(data);
  if (match === null) return undefined;
  return { verdict: match[1] === "a" ? "approve" : "reject", escalationId: match[2] as string };
}
