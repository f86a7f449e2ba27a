import { describe, expect, it } from "vitest";
import type { EscalationVote } from "./escalation-types.js";
import { latestRecord, sameRecord } from "./latest-record.js";
import { ownVote } from "./own-vote.js";
import { sleep } from "./sleep.js";
import { statusTone } from "./status-tone.js";

describe("statusTone", () => {
  it("gives each status its badge", () => {
    expect(statusTone("pending")).toBe("warn");
    expect(statusTone("approved")).toBe("ok");
    expect(statusTone("rejected")).toBe("bad");
    expect(statusTone("expired")).toBe("neutral");
  });
});

describe("latestRecord", () => {
  it("takes the incoming read", () => {
    expect(latestRecord(undefined, { id: "e", status: "pending" }).status).toBe("pending");
    expect(latestRecord({ id: "e", status: "pending" }, { id: "e", status: "approved" }).status).toBe(
      "approved",
    );
    expect(latestRecord({ id: "a", status: "approved" }, { id: "b", status: "pending" }).id).toBe("b");
  });

  it("never turns a decided escalation pending again", () => {
    expect(latestRecord({ id: "e", status: "approved" }, { id: "e", status: "pending" }).status).toBe(
      "approved",
    );
  });

  it("compares two reads", () => {
    expect(sameRecord({ id: "e", status: "pending" }, { id: "e", status: "pending" })).toBe(true);
    expect(
      sameRecord({ id: "e", status: "pending", approvals: 0 }, { id: "e", status: "pending", approvals: 1 }),
    ).toBe(false);
    expect(sameRecord(undefined, { id: "e", status: "pending" })).toBe(false);
  });
});

describe("ownVote", () => {
  const vote = (approver: string): EscalationVote => ({
    approver_id: approver,
    action: "approve",
    roles: [],
    notes: null,
    actor_id: null,
    created_at: "2026-01-01T00:00:00.000Z",
  });

  it("finds the vote of the key's user, else of the key", () => {
    const votes = [vote("user-1"), vote("key-2")];
    expect(ownVote(votes, { keyId: "key-1", userId: "user-1" })?.approver_id).toBe("user-1");
    expect(ownVote(votes, { keyId: "key-2" })?.approver_id).toBe("key-2");
    expect(ownVote(votes, { keyId: "key-2", userId: "user-9" })).toBeUndefined();
  });
});

describe("sleep", () => {
  it("waits, or ends at once when aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    await sleep(20, controller.signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    await pending;
    await sleep(60_000, controller.signal);
  });
});
