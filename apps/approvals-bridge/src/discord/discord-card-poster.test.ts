import { isSec0Error } from "@sec0/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { type FakeDiscord, startFakeDiscord } from "./__fixtures__/fake-discord.js";
import { createDiscordCardPoster, createDiscordRest } from "./discord-card-poster.js";

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

describe("createDiscordCardPoster", () => {
  it("posts a card with the bot token and returns where it went", async () => {
    const poster = createDiscordCardPoster({ token: fake.token, api: fake.api });
    const posted = await poster.postCard("111111111111111111", pendingCard());
    expect(posted.platform).toBe("discord");
    expect(posted.channelId).toBe("111111111111111111");
    expect(posted.messageId).toMatch(/^\d+$/);
    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/api/v10/channels/111111111111111111/messages");
    expect(request?.isBotAuthorized).toBe(true);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{}] });
  });

  it("edits a posted card in place", async () => {
    const poster = createDiscordCardPoster({ token: fake.token, api: fake.api });
    const posted = await poster.postCard("111111111111111111", pendingCard());
    await poster.editCard(
      posted,
      pendingCard({ status: "approved", finalizationReason: "Approved by alice." }),
    );
    const edit = fake.requests[1];
    expect(edit?.method).toBe("PATCH");
    expect(edit?.path).toBe(`/api/v10/channels/111111111111111111/messages/${posted.messageId}`);
    expect(edit?.isBotAuthorized).toBe(true);
    expect(edit?.body).toMatchObject({ components: [] });
  });

  it("waits out a 429's retry_after, then succeeds", async () => {
    const poster = createDiscordCardPoster({ token: fake.token, api: fake.api });
    fake.rateLimitNext(0.6);
    const posted = await poster.postCard("111111111111111111", pendingCard());
    expect(posted.messageId).toMatch(/^\d+$/);
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(550);
  });

  it("fails with the route and status, never the token", async () => {
    const poster = createDiscordCardPoster({ token: fake.token, api: fake.api });
    fake.failNext(403);
    const error = await poster.postCard("111111111111111111", pendingCard()).catch((e: unknown) => e);
    expect(isSec0Error(error, "BRIDGE_DISCORD_REQUEST_FAILED")).toBe(true);
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(text).toContain("POST /channels/{channel}/messages");
    expect(text).toContain("403");
    expect(text).not.toContain(fake.token);
    expect((error as Error).cause).toBeUndefined();
  });

  it("fails an edit of an unknown message without the token", async () => {
    const poster = createDiscordCardPoster({ token: fake.token, api: fake.api });
    fake.failNext(404, { message: "Unknown Message", code: 10008 });
    const error = await poster
      .editCard({ platform: "discord", channelId: "1", messageId: "2" }, pendingCard())
      .then(() => new Error("edit did not fail"))
      .catch((e: unknown) => e as Error);
    expect(error.message).toContain("404");
    expect(error.message).toContain("10008");
    expect(error.message).not.toContain(fake.token);
  });

  it("refuses an empty token", () => {
    expect(() => createDiscordRest({ token: " " })).toThrow(/token is empty/);
  });
});
