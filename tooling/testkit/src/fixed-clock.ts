import type { Clock } from "@sec0/core";

/** A clock that moves only when told to. */
export interface FixedClock extends Clock {
  set(ms: number | Date): void;
  advance(ms: number): void;
}

/** Creates a {@link FixedClock} starting at `start` (default 2026-01-01T00:00:00Z). */
export function createFixedClock(start: number | Date = Date.UTC(2026, 0, 1)): FixedClock {
  let current = typeof start === "number" ? start : start.getTime();
  return {
    now: () => current,
    set: (ms) => {
      current = typeof ms === "number" ? ms : ms.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
