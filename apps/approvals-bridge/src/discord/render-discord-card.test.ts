import { ButtonStyle, ComponentType } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { decodeButton } from "../platforms/platform.js";
import { DISCORD_LIMITS, renderDiscordCard } from "./render-discord-card.js";

function embedOf(body: ReturnType<typeof renderDiscordCard>) {
  expect(body.embeds).toHaveLength(1);
  return body.embeds[0]!;
}

function totalLength(body: ReturnType<typeof renderDiscordCard>): number {
  const embed = embedOf(body);
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields
  );
}

describe("renderDiscordCard", () => {
  it("shows what is being approved: tool, digest, violation, reasons, node, run, rule, quorum, expiry", () => {
    const embed = embedOf(renderDiscordCard(pendingCard()));
    expect(embed.title).toBe("Approval needed: tool_not_allowed");
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Tool).toBe("`mcp://shell/exec@1.0`");
    expect(fields["Arguments digest"]).toContain("9f86d081");
    expect(fields.Violation).toContain("command matches destructive pattern");
    expect(fields.Violation).toContain("path < /var is protected");
    expect(fields.Severity).toBe("high");
    expect(fields.Node).toContain("node-7");
    expect(fields.Run).toContain("run-42");
    expect(fields.Rule).toContain("deny-rm");
    expect(fields.Approvals).toBe("1/2");
    expect(fields.Expires).toBe(`<t:${Date.parse("2030-01-02T03:04:05+02:00") / 1000}:R>`);
    expect(embed.description).toContain("```\nrm -rf /var/lib/data");
  });

  it("colours by severity", () => {
    const colours = (["low", "medium", "high", "critical"] as const).map(
      (severity) => embedOf(renderDiscordCard(pendingCard({ severity }))).color,
    );
    expect(new Set(colours).size).toBe(4);
  });

  it("gives a pending card Approve (success) and Reject (danger) buttons that decode back", () => {
    const body = renderDiscordCard(pendingCard());
    expect(body.components).toHaveLength(1);
    const row = body.components[0]!;
    expect(row.type).toBe(ComponentType.ActionRow);
    const [approve, reject] = row.components;
    expect(approve?.style).toBe(ButtonStyle.Success);
    expect(reject?.style).toBe(ButtonStyle.Danger);
    expect(decodeButton(approve?.custom_id)).toEqual({ verdict: "approve", escalationId: "esc_01HZX3K9" });
    expect(decodeButton(reject?.custom_id)).toEqual({ verdict: "reject", escalationId: "esc_01HZX3K9" });
  });

  it("keeps custom_id within 100 characters for the longest escalation id", () => {
    const body = renderDiscordCard(pendingCard({ escalationId: "e".repeat(59) }));
    for (const button of body.components[0]!.components) {
      expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    }
  });

  it("has no buttons once final and says the outcome and why", () => {
    for (const status of ["approved", "rejected", "expired"] as const) {
      const body = renderDiscordCard(
        pendingCard({ status, finalizationReason: "Approved by alice (1 approval(s))." }),
      );
      expect(body.components).toEqual([]);
      const embed = embedOf(body);
      const outcome = embed.fields?.find((f) => f.name === "Outcome");
      expect(outcome?.value).toContain("Approved by alice (1 approval(s)).");
      expect(embed.title?.toLowerCase()).toContain(status);
    }
  });

  it("keeps within Discord's embed limits whatever the input size", () => {
    const huge = "x".repeat(20_000);
    const body = renderDiscordCard(
      pendingCard({
        content: huge,
        violation: huge,
        toolRef: huge,
        argsDigest: huge,
        nodeId: huge,
        agentRef: huge,
        ruleId: huge,
        message: huge,
        reasons: Array.from({ length: 50 }, () => huge),
        expiresAt: huge,
        finalizationReason: huge,
      }),
    );
    const embed = embedOf(body);
    expect(embed.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.fields!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const f of embed.fields!) {
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldName);
    }
    expect(totalLength(body)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed.description!.endsWith("```")).toBe(true);
  });

  it("escapes backticks so content cannot close the code block", () => {
    const embed = embedOf(renderDiscordCard(pendingCard({ content: "a```\n@everyone **bold**```b" })));
    const inner = embed.description!.slice(embed.description!.indexOf("```") + 3, -3);
    expect(inner).not.toContain("```");
    expect(inner).toContain("@everyone");
  });

  it("turns mentions off always", () => {
    expect(renderDiscordCard(pendingCard({ content: "@everyone <@123>" })).allowed_mentions).toEqual({
      parse: [],
    });
    expect(renderDiscordCard(pendingCard({ status: "approved" })).allowed_mentions).toEqual({ parse: [] });
  });
});
