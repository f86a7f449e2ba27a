import type { SignalHit } from "./signal-hits.js";

/** Text at most this long is scored whole. */
export const WHOLE_TEXT_LIMIT = 600;
// Lines longer than this are cut after a sentence end into pieces of about PIECE characters.
const PIECE = 300;
// A window joins a piece with its neighbours unless the join grows past this.
const MAX_WINDOW = 1200;
/** Neighbouring pieces joined on each side of a window's centre piece (2 and 3 measured worse on dev). */
const RADIUS = 1;

/** A scoring window: a piece with its neighbours, and the signal hits that overlap it. */
export interface ScoreWindow {
  readonly start: number;
  readonly end: number;
  /** Indices (into {@link textPieces}) of the pieces the window covers. */
  readonly pieces: readonly number[];
  readonly hits: readonly SignalHit[];
}

/**
 * Cuts `text` into pieces: the whole text when short, else its non-empty lines, with lines over
 * {@link WHOLE_TEXT_LIMIT} characters cut after a sentence end into pieces of about 300.
 */
export function textPieces(text: string): Array<[number, number]> {
  if (text.length <= WHOLE_TEXT_LIMIT) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (/\S/.test(text.slice(start, Math.min(end, start + 200)))) cutLine(text, start, end, out);
    start = end + 1;
  }
  return out.length > 0 ? out : [[0, text.length]];
}

function cutLine(text: string, start: number, end: number, out: Array<[number, number]>): void {
  let s = start;
  while (end - s > WHOLE_TEXT_LIMIT) {
    let e = s + PIECE;
    const limit = Math.min(end, e + 200);
    while (e < limit && !(/[.!?]/.test(text[e - 1]!) && /\s/.test(text[e]!))) e++;
    out.push([s, e]);
    s = e;
  }
  if (end > s) out.push([s, end]);
}

/**
 * Windows that hold at least one signal hit: each piece joined with the pieces before and after
 * it, so an address on one line and the action on the next are scored together.
 */
export function signalWindows(
  text: string,
  hits: readonly SignalHit[],
  pieces: ReadonlyArray<readonly [number, number]> = textPieces(text),
): ScoreWindow[] {
  const out: ScoreWindow[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const [s, e] = pieces[i]!;
    let start = s;
    let end = e;
    let first = i;
    let last = i;
    // The widest neighbourhood (RADIUS pieces each side, then fewer) that fits MAX_WINDOW.
    for (let r = RADIUS; r > 0; r--) {
      const a = pieces[Math.max(0, i - r)]![0];
      const b = pieces[Math.min(pieces.length - 1, i + r)]![1];
      if (b - a <= MAX_WINDOW) {
        start = a;
        end = b;
        first = Math.max(0, i - r);
        last = Math.min(pieces.length - 1, i + r);
        break;
      }
    }
    const inside = hits.filter((h) => h.start < end && h.end > start);
    const covered = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    if (inside.length > 0) out.push({ start, end, pieces: covered, hits: inside });
  }
  return out;
}
