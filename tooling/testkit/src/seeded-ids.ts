import type { IdGenerator } from "@sec0/core";

/** Ids `<prefix>-1`, `<prefix>-2`, … in order: deterministic for assertions. */
export function createSeededIds(prefix = "id"): IdGenerator {
  let counter = 0;
  return { next: () => `${prefix}-${++counter}` };
}
