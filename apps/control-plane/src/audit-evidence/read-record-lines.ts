import type { ObjectStore } from "./object-store.js";

/** Where one record line lives: its day-log object and 1-based line number. */
export interface RecordLineRef {
  readonly object_key: string;
  readonly line: number;
}

/** The key of a line in the map {@link readRecordLines} answers. */
export const lineRefKey = (ref: RecordLineRef): string => `${ref.line}:${ref.object_key}`;

/**
 * The stored bytes of each line `refs` names (without the newline), keyed by
 * {@link lineRefKey}. Each object is read once, whatever the number of its lines asked for, and
 * scanned only up to the last one asked for; the lines are copied out so the object can be freed
 * before the next is read. A line the object no longer holds (missing object, cut file) is
 * absent from the map.
 */
export async function readRecordLines(
  store: ObjectStore,
  refs: readonly RecordLineRef[],
): Promise<Map<string, Buffer>> {
  const wanted = new Map<string, Set<number>>();
  for (const ref of refs) {
    const lines = wanted.get(ref.object_key) ?? new Set<number>();
    lines.add(ref.line);
    wanted.set(ref.object_key, lines);
  }
  const found = new Map<string, Buffer>();
  for (const [objectKey, lines] of wanted) {
    const bytes = await store.get(objectKey);
    if (bytes === undefined) continue;
    const last = Math.max(...lines);
    let start = 0;
    for (let number = 1; number <= last; number += 1) {
      const end = bytes.indexOf(0x0a, start);
      if (end === -1) break;
      if (lines.has(number)) {
        found.set(
          lineRefKey({ object_key: objectKey, line: number }),
          Buffer.from(bytes.subarray(start, end)),
        );
      }
      start = end + 1;
    }
  }
  return found;
}
