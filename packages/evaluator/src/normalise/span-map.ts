import type { SpanMapper, TextView, Transform } from "./transform.js";

/** Wraps text, its transforms and its span mapper as a {@link TextView}. */
export function createView(text: string, transforms: readonly Transform[], toOriginal: SpanMapper): TextView {
  return { text, transforms, toOriginal };
}

/** The view of a string as itself: spans map to themselves. */
export function identityView(text: string): TextView {
  return createView(text, [], (start, end) => clampSpan(start, end, text.length));
}

/** Clamps a span into [0, length] with end >= start. */
export function clampSpan(start: number, end: number, length: number): [number, number] {
  const s = Math.min(Math.max(Math.trunc(start) || 0, 0), length);
  const e = Math.min(Math.max(Math.trunc(end) || 0, s), length);
  return [s, e];
}

/**
 * A mapper from per-unit origin arrays: view unit `k` came from original span [starts[k], ends[k]).
 * Both arrays must be non-decreasing; a non-empty span maps to [starts[first], ends[last]].
 */
export function createIndexMapper(
  starts: Int32Array,
  ends: Int32Array,
  length: number,
  originalLength: number,
): SpanMapper {
  return (start, end) => {
    const [s, e] = clampSpan(start, end, length);
    if (e > s) return [starts[s]!, ends[e - 1]!];
    const at = s < length ? starts[s]! : originalLength;
    return [at, at];
  };
}

/** A mapper for text decoded from `[start,end)` of `base`: every span maps to the whole run in the original. */
export function createRunMapper(base: TextView, start: number, end: number): SpanMapper {
  const whole = base.toOriginal(start, end);
  return () => [whole[0], whole[1]];
}

/** Composes a mapper into `base`'s text with `base`'s own mapper to the original. */
export function composeMapper(inner: SpanMapper, base: TextView): SpanMapper {
  return (start, end) => {
    const [s, e] = inner(start, end);
    return base.toOriginal(s, e);
  };
}
