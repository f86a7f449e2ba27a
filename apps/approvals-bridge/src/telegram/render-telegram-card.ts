import { Sec0Error } from "@sec0/core";
import type { InlineKeyboardMarkup, LinkPreviewOptions } from "grammy/types";
import { decodeButton, type EscalationCard, encodeButton, type Verdict } from "../platforms/platform.js";
import { escapeAndCut } from "./escape-telegram-html.js";

/** Telegram's limit on a message's text. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Telegram's limit on a button's callback_data, in bytes. */
export const TELEGRAM_CALLBACK_DATA_LIMIT = 64;

/** A card as `sendMessage` / `editMessageText` take it. */
export interface TelegramCardMessage {
  readonly text: string;
  readonly parse_mode: "HTML";
  /** Approve / Reject while pending; an empty keyboard (removes the buttons on edit) when final. */
  readonly reply_markup: InlineKeyboardMarkup;
  readonly link_preview_options: LinkPreviewOptions;
}

const HEADINGS: Readonly<Record<EscalationCard["status"], string>> = {
  pending: "🛡️ sec0: approval needed",
  approved: "✅ sec0: approved",
  rejected: "⛔ sec0: rejected",
  expired: "⌛ sec0: expired",
};

/** Most escaped characters per field, so the fields leave the content at least ~800 characters. */
const FIELD_LIMIT = 200;
const MESSAGE_LIMIT = 400;
const REASONS_LIMIT = 900;

/**
 * Renders a card as a Telegram HTML message of at most 4096 characters: what is asked (tool,
 * argument digest, content), why (violation, reasons, rule), where (node, run), the votes so far and
 * the expiry; Approve / Reject buttons while pending, the outcome and its reason once final.
 *
 * @throws {Sec0Error} `BRIDGE_TELEGRAM_BUTTON_INVALID` when the escalation id cannot ride in callback_data.
 * @example
 * const message = renderTelegramCard(card);
 * await bot.api.sendMessage(chatId, message.text, message);
 */
export function renderTelegramCard(card: EscalationCard): TelegramCardMessage {
  const head = [...headLines(card), ...detailLines(card)].join("\n");
  const room = TELEGRAM_MESSAGE_LIMIT - head.length - "\n\n<pre></pre>".length;
  const text = `${head}\n\n<pre>${escapeAndCut(card.content, Math.max(room, 0))}</pre>`;
  return {
    text,
    parse_mode: "HTML",
    reply_markup: { inline_keyboard: card.status === "pending" ? [buttons(card.escalationId)] : [] },
    link_preview_options: { is_disabled: true },
  };
}

function headLines(card: EscalationCard): string[] {
  const lines = [`<b>${HEADINGS[card.status]}</b> · severity <b>${card.severity.toUpperCase()}</b>`];
  if (card.status !== "pending" && card.finalizationReason !== undefined) {
    lines.push(`<i>${escapeAndCut(card.finalizationReason, MESSAGE_LIMIT)}</i>`);
  }
  lines.push(`<b>Violation:</b> ${escapeAndCut(card.violation, FIELD_LIMIT)}`);
  if (card.reasons.length > 0) lines.push(`<b>Reasons:</b> ${reasonsText(card.reasons)}`);
  if (card.message !== undefined) lines.push(escapeAndCut(card.message, MESSAGE_LIMIT));
  return lines;
}

function detailLines(card: EscalationCard): string[] {
  const lines: string[] = [];
  const code = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`<b>${label}:</b> <code>${escapeAndCut(value, FIELD_LIMIT)}</code>`);
  };
  code("Tool", card.toolRef);
  code("Arguments digest", card.argsDigest);
  code("Node", card.nodeId);
  code("Run", card.agentRef);
  code("Rule", card.ruleId);
  lines.push(`<b>Votes:</b> ${votesText(card)}`);
  if (card.expiresAt !== undefined) lines.push(`<b>Expires:</b> ${expiryText(card.expiresAt)}`);
  code("Escalation", card.escalationId);
  code("Tenant", card.tenantId);
  return lines;
}

function reasonsText(reasons: readonly string[]): string {
  return escapeAndCut(reasons.join("; "), REASONS_LIMIT);
}

function votesText(card: EscalationCard): string {
  const approvals = card.approvals ?? 0;
  const quorum = card.minApprovals === undefined ? "" : ` of ${card.minApprovals} needed`;
  return `${approvals} approval(s)${quorum}, ${card.rejections ?? 0} rejection(s)`;
}

function expiryText(expiresAt: string): string {
  const time = Date.parse(expiresAt);
  return Number.isNaN(time) ? escapeAndCut(expiresAt, FIELD_LIMIT) : new Date(time).toISOString();
}

function buttons(escalationId: string): InlineKeyboardMarkup["inline_keyboard"][number] {
  return [
    { text: "✅ Approve", callback_data: callbackData("approve", escalationId) },
    { text: "⛔ Reject", callback_data: callbackData("reject", escalationId) },
  ];
}

function callbackData(verdict: Verdict, escalationId: string): string {
  const data = encodeButton(verdict, escalationId);
  if (Buffer.byteLength(data, "utf8") > TELEGRAM_CALLBACK_DATA_LIMIT || decodeButton(data) === undefined) {
    throw new Sec0Error(
      "BRIDGE_TELEGRAM_BUTTON_INVALID",
      `Escalation id ${JSON.stringify(escalationId.slice(0, 80))} cannot be a Telegram button; ids must be 1-59 characters of A-Z a-z 0-9 _ -.`,
      { details: { length: escalationId.length } },
    );
  }
  return data;
}
