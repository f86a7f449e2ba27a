// The behaviour every BridgeState shares, run against the memory and the Redis implementation.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PostedCard } from "../../platforms/platform.js";
import type { BridgeState } from "../bridge-state.js";

/** One state under test; `advance` moves its clock (memory), else the suite waits for real. */
export interface BridgeStateUnderTest {
  readonly state: BridgeState;
  readonly advance?: (ms: number) => void;
  cleanup(): Promise<void>;
}

/** Ttl of the expiry cases: short, so that a real Redis expires it within the test. */
const SHORT_TTL_MS = 150;
const HOUR = 3_600_000;

const card = (platform: PostedCard["platform"], channelId: string, messageId = `m-${channelId}`): PostedCard => ({
  platform,
  channelId,
  messageId,
});

/** Runs the bridge-state contract against a fresh state from `make` per test. */
export function describeBridgeStateContract(name: string, make: () => Promise<BridgeStateUnderTest>): void {
  describe(`BridgeState contract (${name})`, () => {
    let subject: BridgeStateUnderTest;
    let state: BridgeState;
    /** Lets `ms` pass: the fake clock when there is one, else real time. */
    const pass = async (ms: number) => {
      if (subject.advance) subject.advance(ms);
      else await new Promise((resolve) => setTimeout(resolve, ms));
    };
    beforeEach(async () => {
      subject = await make();
      state = subject.state;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it("claims a key once, then answers false", async () => {
      expect(await state.claim("event:1", HOUR)).toBe(true);
      expect(await state.claim("event:1", HOUR)).toBe(false);
      expect(await state.claim("event:1", HOUR)).toBe(false);
    });

    it("keeps different keys independent", async () => {
      expect(await state.claim("a", HOUR)).toBe(true);
      expect(await state.claim("b", HOUR)).toBe(true);
      expect(await state.claim("a", HOUR)).toBe(false);
      expect(await state.claim("b", HOUR)).toBe(false);
    });

    it("lets a key be claimed again once its ttl is over", async () => {
      expect(await state.claim("nonce", SHORT_TTL_MS)).toBe(true);
      expect(await state.claim("nonce", SHORT_TTL_MS)).toBe(false);
      await pass(SHORT_TTL_MS + 100);
      expect(await state.claim("nonce", SHORT_TTL_MS)).toBe(true);
      expect(await state.claim("nonce", SHORT_TTL_MS)).toBe(false);
    });

    it("makes a released key claimable again", async () => {
      expect(await state.claim("post:e1", HOUR)).toBe(true);
      await state.release("post:e1");
      expect(await state.claim("post:e1", HOUR)).toBe(true);
      expect(await state.claim("post:e1", HOUR)).toBe(false);
      await state.release("never-claimed"); // releasing nothing is fine
    });

    it("gives exactly one of 50 concurrent claims of one key", async () => {
      const answers = await Promise.all(Array.from({ length: 50 }, () => state.claim("press:1", HOUR)));
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it("reads back the cards added, by platform then channel, each platform+channel once", async () => {
      await state.addCard("e1", card("telegram", "-100"), HOUR);
      await state.addCard("e1", card("discord", "b"), HOUR);
      await state.addCard("e1", card("discord", "a"), HOUR);
      await state.addCard("e1", card("discord", "a", "later"), HOUR); // the same channel again: kept once
      await state.addCard("e2", card("discord", "a", "other"), HOUR);
      expect(await state.cards("e1")).toEqual([card("discord", "a"), card("discord", "b"), card("telegram", "-100")]);
      expect(await state.cards("e2")).toEqual([card("discord", "a", "other")]);
    });

    it("answers [] for the cards of an unknown escalation", async () => {
      expect(await state.cards("unknown")).toEqual([]);
    });

    it("keeps all of 20 cards added concurrently to one escalation", async () => {
      const added = Array.from({ length: 20 }, (_, i) => card(i % 2 === 0 ? "discord" : "telegram", `c${String(i).padStart(2, "0")}`));
      await Promise.all(added.map((c) => state.addCard("e1", c, HOUR)));
      const cards = await state.cards("e1");
      expect(cards).toHaveLength(20);
      expect(new Set(cards.map((c) => `${c.platform}:${c.channelId}`))).toEqual(
        new Set(added.map((c) => `${c.platform}:${c.channelId}`)),
      );
    });

    it("forgets an escalation's cards after their ttl", async () => {
      await state.addCard("e1", card("discord", "a"), SHORT_TTL_MS);
      expect(await state.cards("e1")).toHaveLength(1);
      await pass(SHORT_TTL_MS + 100);
      expect(await state.cards("e1")).toEqual([]);
      await state.addCard("e1", card("discord", "b"), HOUR); // a fresh list, not the old one
      expect(await state.cards("e1")).toEqual([card("discord", "b")]);
    });

    it("refuses a ttl that is not a positive number", async () => {
      for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(state.claim("k", ttl)).rejects.toMatchObject({ code: "BRIDGE_STATE_INPUT_INVALID" });
        await expect(state.addCard("e1", card("discord", "a"), ttl)).rejects.toMatchObject({
          code: "BRIDGE_STATE_INPUT_INVALID",
        });
      }
      expect(await state.claim("k", HOUR)).toBe(true);
    });
  });
}
