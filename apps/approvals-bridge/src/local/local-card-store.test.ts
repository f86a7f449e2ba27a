import { describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { createLocalCardStore } from "./local-card-store.js";

describe("createLocalCardStore", () => {
  it("posts as the local channel and edits in place, keeping a card's age", async () => {
    const store = createLocalCardStore();
    const posted = await store.poster.postCard("local", pendingCard({ escalationId: "a" }));
    expect(posted).toEqual({ platform: "local", channelId: "local", messageId: "a" });
    await store.poster.postCard("local", pendingCard({ escalationId: "b" }));
    await store.poster.editCard(posted, pendingCard({ escalationId: "a", status: "approved" }));
    expect(store.get("a")?.status).toBe("approved");
    expect(store.list(10).map((c) => c.escalationId)).toEqual(["b", "a"]);
  });

  it("lists pending first, newest first, at most `limit` of the newest, and keeps at most maxCards", async () => {
    const store = createLocalCardStore({ maxCards: 3 });
    for (const [id, status] of [
      ["1", "pending"],
      ["2", "rejected"],
      ["3", "pending"],
      ["4", "approved"],
    ] as const)
      store.put(pendingCard({ escalationId: id, status }));
    expect(store.get("1")).toBeUndefined();
    expect(store.list(10).map((c) => c.escalationId)).toEqual(["3", "4", "2"]);
    expect(store.list(2).map((c) => c.escalationId)).toEqual(["3", "4"]);
  });
});
