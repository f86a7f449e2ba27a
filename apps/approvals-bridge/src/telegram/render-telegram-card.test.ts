import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { decodeButton } from "../platforms/platform.js";
import { escapeAndCut } from "./escape-telegram-html.js";
import { renderTelegramCard, TELEGRAM_MESSAGE_LIMIT } from "./render-telegram-card.js";

/** The text with Telegram's HTML tags removed and entities decoded, as a user reads it. */
const visible = (html: string) =>
  html
    .replace(/<\/?(b|i|code|pre)>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("renderTelegramCard", () => {
  it("shows every field of a pending card, escaped, with the expiry in UTC", () => {
    const message = renderTelegramCard(pendingCard());
    expect(message.parse_mode).toBe("HTML");
    expect(message.link_preview_options).toEqual({ is_disabled: true });
    expect(message.text).toContain("<code>mcp://shell/exec@1.0</code>");
    expect(message.text).toContain("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    expect(message.text).toContain("tool_not_allowed");
    expect(message.text).toContain("path &lt; /var is protected");
    expect(message.text).toContain("HIGH");
    expect(message.text).toContain("node-7");
    expect(message.text).toContain("run-42");
    expect(message.text).toContain("deny-rm");
    expect(message.text).toContain("1 approval(s) of 2 needed, 0 rejection(s)");
    expect(message.text).toContain("2030-01-02T01:04:05.000Z");
    expect(message.text).toContain('<pre>rm -rf /var/lib/data --force &amp;&amp; echo "&lt;done&gt;"</pre>');
  });

  it("leaves no raw < > & from the card in the text", () => {
    const hostile = "<a href='x'>&</a><script>";
    const message = renderTelegramCard(
      pendingCard({
        violation: hostile,
        content: hostile,
        reasons: [hostile],
        message: hostile,
        toolRef: hostile,
      }),
    );
    const withoutTags = message.text.replace(/<\/?(b|i|code|pre)>/g, "");
    expect(withoutTags).not.toMatch(/[<>]/);
    expect(withoutTags.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
    expect(visible(message.text)).toContain(hostile);
  });

  it("stays within 4096 characters when every field is long and full of characters to escape", () => {
    const long = "&<>".repeat(2000);
    const message = renderTelegramCard(
      pendingCard({
        content: long.slice(0, 1500),
        violation: long,
        reasons: Array.from({ length: 50 }, () => long),
        message: long,
        toolRef: long,
        argsDigest: long,
        nodeId: long,
        agentRef: long,
        ruleId: long,
        tenantId: long,
        finalizationReason: long,
        status: "rejected",
      }),
    );
    expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(message.text).toMatch(/<pre>(&amp;|&lt;|&gt;)+…<\/pre>$/);
  });

  it("cuts only the content when the rest is short, keeping entities whole", () => {
    const message = renderTelegramCard(pendingCard({ content: "&".repeat(1500) }));
    expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(message.text).toMatch(/<pre>(&amp;)+…<\/pre>$/);
    expect(escapeAndCut("<<<<", 9)).toBe("&lt;&lt;…");
    expect(escapeAndCut("😀😀😀", 3)).toBe("😀…");
  });

  it("gives a pending card Approve / Reject buttons whose data decode back and fit 64 bytes", () => {
    const escalationId = "e".repeat(59);
    const { reply_markup } = renderTelegramCard(pendingCard({ escalationId }));
    const row = reply_markup.inline_keyboard[0] ?? [];
    expect(row.map((button) => button.text)).toEqual(["✅ Approve", "⛔ Reject"]);
    const data = row.map((button) => ("callback_data" in button ? button.callback_data : ""));
    for (const item of data) expect(Buffer.byteLength(item, "utf8")).toBeLessThanOrEqual(64);
    expect(data.map((item) => decodeButton(item))).toEqual([
      { verdict: "approve", escalationId },
      { verdict: "reject", escalationId },
    ]);
  });

  it("refuses an escalation id that cannot ride in callback_data", () => {
    for (const escalationId of ["e".repeat(60), "esc:1", "ésc"]) {
      let thrown: unknown;
      try {
        renderTelegramCard(pendingCard({ escalationId }));
      } catch (error) {
        thrown = error;
      }
      expect(isSec0Error(thrown, "BRIDGE_TELEGRAM_BUTTON_INVALID")).toBe(true);
    }
  });

  it("gives a final card no buttons and states the outcome and why", () => {
    const approved = renderTelegramCard(
      pendingCard({
        status: "approved",
        approvals: 2,
        finalizationReason: "Approved by alice & bob (2 approval(s)).",
      }),
    );
    expect(approved.reply_markup).toEqual({ inline_keyboard: [] });
    expect(approved.text).toContain("approved");
    expect(approved.text).toContain("Approved by alice &amp; bob (2 approval(s)).");
    expect(renderTelegramCard(pendingCard({ status: "expired" })).text).toContain("expired");
    expect(renderTelegramCard(pendingCard({ status: "rejected" })).reply_markup.inline_keyboard).toEqual([]);
  });
});
