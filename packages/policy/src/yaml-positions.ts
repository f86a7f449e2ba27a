import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/** A 1-based position in the YAML text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps a schema path back to the YAML text: the key of the last pair on the path for unknown
 * keys, else the value node itself, else the deepest ancestor that exists (a missing field is
 * reported where its parent mapping starts).
 */
export function locatePath(
  doc: Document,
  lineCounter: LineCounter,
  segments: readonly (string | number)[],
  preferKey: boolean,
): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (pair === undefined) break;
      const keyOffset = rangeStart(pair.key);
      const valueOffset = rangeStart(pair.value);
      node = pair.value;
      offset = preferKey || valueOffset === undefined ? (keyOffset ?? offset) : valueOffset;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else break;
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" ? key : undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range?.[0];
}
