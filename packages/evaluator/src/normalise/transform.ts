/** A step that produced a view: Unicode folding, an invisible-character strip, a decode. */
export type Transform = "nfkc" | "invisible" | "confusable" | "tags" | "leet" | "base64" | "hex" | "percent";

/** Maps a span [start,end) of a view's text to the span of the original string it came from. */
export type SpanMapper = (start: number, end: number) => [number, number];

/** Another reading of a scanned string (folded, de-leeted or decoded) that maps back to it. */
export interface TextView {
  /** The transformed text that detectors run on. */
  readonly text: string;
  /** The transforms that produced it, in order (e.g. ["base64"], ["invisible","confusable"]). */
  readonly transforms: readonly Transform[];
  /** Maps a span [start,end) of `text` to the span of the original string it came from. */
  toOriginal(start: number, end: number): [number, number];
}

/** Caps on the work {@link TextView} production may do for one string. */
export interface NormaliseLimits {
  /** Most views returned for one string. Default 8. */
  maxViews?: number;
  /** Total bytes decoded (kept or not) from encoded runs, nested ones included. Default 64 KiB. */
  maxDecodedBytes?: number;
  /** Decode nesting: 1 decodes runs of the input, 2 also runs inside those (base64 of base64). Default 2. */
  maxDepth?: number;
  /** Shortest base64 run (characters, padding excluded) worth decoding. Default 24. */
  minRunLength?: number;
}
