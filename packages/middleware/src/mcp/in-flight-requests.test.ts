import { describe, expect, it } from "vitest";
import { createInFlightRequests } from "./in-flight-requests.js";

describe("createInFlightRequests", () => {
  it("holds one request per id, answered once, numbers and strings apart", () => {
    const inFlight = createInFlightRequests();
    expect(inFlight.open(1, "resources/read")).toBe(true);
    expect(inFlight.open(1, "tools/call")).toBe(false);
    expect(inFlight.open("1", "tools/list")).toBe(true);
    expect(inFlight.methodOf(1)).toBe("resources/read");
    expect(inFlight.close(1)).toBe("resources/read");
    expect(inFlight.close(1)).toBeUndefined();
    expect(inFlight.close("1")).toBe("tools/list");
  });

  it("refuses new requests when full, and remembers cancelled ones for one late answer", () => {
    const inFlight = createInFlightRequests(2);
    inFlight.open(1, "a");
    inFlight.open(2, "b");
    expect(inFlight.open(3, "c")).toBe(false);
    inFlight.cancel(1);
    expect(inFlight.methodOf(1)).toBeUndefined();
    expect(inFlight.open(3, "c")).toBe(true);
    expect(inFlight.wasCancelled(1)).toBe(true);
    expect(inFlight.wasCancelled(1)).toBe(false);
    inFlight.cancel(99);
    expect(inFlight.wasCancelled(99)).toBe(false);
  });
});
