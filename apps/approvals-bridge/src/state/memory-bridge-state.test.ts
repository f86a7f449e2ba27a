import { createFixedClock } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { describeBridgeStateContract } from "./__fixtures__/bridge-state-contract.js";
import { createMemoryBridgeState } from "./memory-bridge-state.js";

describeBridgeStateContract("memory", async () => {
  const clock = createFixedClock();
  const state = createMemoryBridgeState({ now: clock.now });
  return { state, advance: clock.advance, cleanup: () => state.close() };
});

describe("createMemoryBridgeState", () => {
  it("keeps at most `capacity` claims, forgetting the oldest first", async () => {
    const state = createMemoryBridgeState({ capacity: 2 });
    for (const key of ["a", "b", "c"]) expect(await state.claim(key, 60_000)).toBe(true);
    expect(await state.claim("a", 60_000)).toBe(true); // evicted, so claimable again
    expect(await state.claim("c", 60_000)).toBe(false);
  });
});
