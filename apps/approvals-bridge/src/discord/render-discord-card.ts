import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import { type EscalationCard, encodeButton } from "../platforms/platform.js";

/** Discord's documented message limits the renderer keeps to. */
export const DISCORD_LIMITS = Object.freeze({
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedTotal: 6000,
  customId: 100,
});

/** The message body of a card: what POST/PATCH channel messages and interaction webhooks take. */
export interface DiscordCardBody {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly allowed_mentions: { readonly parse: [] };
}

const SEVERITY_COLOURS: Readonly<Record<EscalationCard["severity"], number>> = {
  low: 0x3ba55d,
  medium: 0xfaa61a,
  high: 0xed4245,
  critical: 0x992d22,
};

const STATUS_LABELS: Readonly<Record<EscalationCard["status"], string>> = {
  pending: "Approval needed",
  approved: "Approved",
  rejected: "Rejected",
  expired: "Expired",
};

const ELLIPSIS = "…";

/** Cuts `text` to at most `max` UTF-16 units, marking the cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= ELLIPSIS.length ? "" : `${text.slice(0, max - ELLIPSIS.length)}${ELLIPSIS}`;
}

/**
 * Makes `text` safe inside a Discord code block: a zero-width space after each backtick, so no
 * run of three can close the fence early (content is attacker-influenced).
 */
export function escapeCodeBlock(text: string): string {
  return text.replaceAll("`", "`\u200b");
}

/** Wraps content in a fenced block that, with its fences, fits in `max` characters. */
function codeBlock(content: string, max: number): string {
  const fence = "```";
  const room = max - 2 * fence.length - 2;
  return `${fence}\n${cut(escapeCodeBlock(content), room)}\n${fence}`;
}

/** Longest short value (id, ref, digest) shown; keeps all fields well inside the 6000 total. */
const MAX_SHORT_VALUE = 256;

/** Inline code for a short value (ids, refs), escaped and cut. */
function inline(value: string): string {
  return `\`${cut(escapeCodeBlock(value), MAX_SHORT_VALUE)}\``;
}

function field(name: string, value: string, isInline = true): APIEmbedField {
  return {
    name: cut(name, DISCORD_LIMITS.embedFieldName),
    value: cut(value, DISCORD_LIMITS.embedFieldValue),
    inline: isInline,
  };
}

function expiryField(expiresAt: string | undefined): APIEmbedField[] {
  if (expiresAt === undefined) return [];
  const ms = Date.parse(expiresAt);
  if (Number.isNaN(ms)) return [field("Expires", inline(expiresAt))];
  return [field("Expires", `<t:${Math.floor(ms / 1000)}:R>`)];
}

function quorumField(card: EscalationCard): APIEmbedField[] {
  if (card.approvals === undefined && card.minApprovals === undefined) return [];
  const approvals = card.approvals ?? 0;
  const quorum = card.minApprovals === undefined ? `${approvals}` : `${approvals}/${card.minApprovals}`;
  const rejections = card.rejections ? ` (${card.rejections} rejection(s))` : "";
  return [field("Approvals", `${quorum}${rejections}`)];
}

function optional(name: string, value: string | undefined): APIEmbedField[] {
  return value === undefined || value === "" ? [] : [field(name, inline(value))];
}

function violationField(card: EscalationCard): APIEmbedField {
  const reasons = card.reasons.map((reason) => `• ${escapeCodeBlock(reason)}`).join("\n");
  return field("Violation", reasons === "" ? card.violation : `${card.violation}\n${reasons}`, false);
}

function outcomeField(card: EscalationCard): APIEmbedField[] {
  if (card.status === "pending") return [];
  const reason = card.finalizationReason ?? "";
  const text = `**${STATUS_LABELS[card.status]}**${reason === "" ? "" : ` — ${cut(reason, 512)}`}`;
  return [field("Outcome", text, false)];
}

function fieldsOf(card: EscalationCard): APIEmbedField[] {
  return [
    ...outcomeField(card),
    ...optional("Tool", card.toolRef),
    ...optional("Arguments digest", card.argsDigest),
    violationField(card),
    field("Severity", card.severity),
    ...optional("Node", card.nodeId),
    ...optional("Run", card.agentRef),
    ...optional("Rule", card.ruleId),
    ...quorumField(card),
    ...expiryField(card.expiresAt),
  ].slice(0, DISCORD_LIMITS.embedFields);
}

function descriptionOf(card: EscalationCard, max: number): string {
  const message = card.message === undefined ? "" : `${cut(card.message, 512)}\n`;
  return `${message}${codeBlock(card.content, max - message.length)}`;
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields;
}

function embedOf(card: EscalationCard): APIEmbed {
  const title = cut(`${STATUS_LABELS[card.status]}: ${card.violation}`, DISCORD_LIMITS.embedTitle);
  const fields = fieldsOf(card);
  const base: APIEmbed = { title, color: SEVERITY_COLOURS[card.severity], fields };
  const room = Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedTotal - embedLength(base));
  const footer = { text: cut(`sec0 escalation ${card.escalationId}`, 2048) };
  return { ...base, description: descriptionOf(card, room - footer.text.length), footer };
}

function buttonsOf(card: EscalationCard): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  if (card.status !== "pending") return [];
  const button = (
    label: string,
    verdict: "approve" | "reject",
    style: ButtonStyle.Success | ButtonStyle.Danger,
  ) => ({
    type: ComponentType.Button as const,
    style,
    label,
    custom_id: encodeButton(verdict, card.escalationId).slice(0, DISCORD_LIMITS.customId),
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button("Approve", "approve", ButtonStyle.Success),
        button("Reject", "reject", ButtonStyle.Danger),
      ],
    },
  ];
}

/**
 * Renders a card as a Discord message body: one embed within Discord's limits, Approve / Reject
 * buttons while pending (none once final), and mentions always off so content cannot ping anyone.
 *
 * @example
 * const body = renderDiscordCard(card);
 * await rest.post(Routes.channelMessages(channelId), { body });
 */
export function renderDiscordCard(card: EscalationCard): DiscordCardBody {
  return { embeds: [embedOf(card)], components: buttonsOf(card), allowed_mentions: { parse: [] } };
}
