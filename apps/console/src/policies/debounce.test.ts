import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDebounced } from "./debounce.js";

describe("createDebounced", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once with the last arguments after the wait", () => {
    const seen: string[] = [];
    const debounced = createDebounced((text: string) => seen.push(text), 300);
    debounced.call("a");
    vi.advanceTimersByTime(200);
    debounced.call("b");
    vi.advanceTimersByTime(299);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["b"]);
  });

  it("drops a pending call on cancel", () => {
    const seen: string[] = [];
    const debounced = createDebounced((text: string) => seen.push(text), 300);
    debounced.call("a");
    debounced.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
  });
});
