import { type LinearModel, loadBundledModel, predict } from "../classifier.js";
import type { DetectorMatch } from "../types.js";
import type { WordTable } from "../word-table.js";

/**
 * Maps a model probability to a confidence where the model's decision threshold becomes 0.5, so
 * that the guard's default `min_confidence` of 0.5 applies the threshold chosen on dev data.
 */
export function calibrate(p: number, threshold: number): number {
  return p >= threshold ? 0.5 + (0.5 * (p - threshold)) / (1 - threshold) : (0.5 * p) / threshold;
}

/** Lazily loaded bundled model; `undefined` if the weights file cannot be read. */
export function lazyModel(name: string): () => LinearModel | undefined {
  let model: LinearModel | undefined;
  let failed = false;
  return () => {
    if (model || failed) return model;
    try {
      model = loadBundledModel(name);
    } catch {
      failed = true;
    }
    return model;
  };
}

/**
 * Splits long text into scoring segments: lines (≥ `minLength` characters), with lines longer
 * than 600 characters cut at sentence ends into pieces of about 300. Short text is one segment.
 */
export function segments(text: string, minLength: number): Array<[number, number]> {
  if (text.length <= 400) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  const len = text.length;
  for (let start = 0; start < len; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = len;
    if (end === start) {
      start++;
      continue;
    }
    if (end - start >= minLength) cutLine(text, start, end, minLength, out);
    start = end + 1;
  }
  return out.length > 0 ? out : [[0, text.length]];
}

/** Pushes one line, or pieces of about 300 characters cut after a sentence end when it is long. */
function cutLine(
  text: string,
  start: number,
  end: number,
  minLength: number,
  out: Array<[number, number]>,
): void {
  if (end - start <= 600) {
    out.push([start, end]);
    return;
  }
  let s = start;
  while (s < end) {
    let e = Math.min(end, s + 300);
    if (e < end) {
      const stop = sentenceStop(text, e, Math.min(end, e + 200));
      e = stop >= 0 ? stop + 1 : Math.min(end, e + 200);
    }
    if (e - s >= minLength) out.push([s, e]);
    s = e;
  }
}

/** Offset of the first `[.!?]` followed by whitespace (`/[.!?]\s/`) inside `text[from, to)`, or -1. */
function sentenceStop(text: string, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && isJsSpace(text.charCodeAt(i + 1))) return i;
  }
  return -1;
}

/** The characters of the regex class `\s`. */
function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Fewest words a text needs before a language model judges it (URLs, paths and ids have one). */
export const MIN_CLASSIFIER_WORDS = 3;

/** True when `text[start, end)` holds at least `min` whitespace-separated words. */
export function hasWords(text: string, min: number, start = 0, end = text.length): boolean {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160;
    if (!space && !inWord && ++words >= min) return true;
    inWord = !space;
  }
  return false;
}

/**
 * Classifier match when the calibrated confidence reaches 0.5. Text of fewer than
 * {@link MIN_CLASSIFIER_WORDS} words (a URL, a path, an id) is never judged: the models learned
 * from sentences and scored bare URLs as injections. With `segmented`, long text is
 * scored per line/segment and the best segment is reported (its span), so one injected line in a
 * long document is not diluted. `words` is the word table of `text` when the caller has one.
 */
export function classifierMatch(
  model: LinearModel,
  text: string,
  kind: string,
  minLength: number,
  segmented = false,
  words?: WordTable,
): DetectorMatch | undefined {
  if (text.length < minLength || !hasWords(text, MIN_CLASSIFIER_WORDS)) return undefined;
  let best = -1;
  let threshold = model.threshold;
  let span: [number, number] = [0, text.length];
  // Long text: the best line or segment, so one injected line is not diluted.
  if (!segmented || text.length <= 400) best = predict(model, text, 0, text.length, words);
  else {
    threshold = model.segmentThreshold ?? threshold;
    for (const seg of segments(text, minLength)) {
      if (!hasWords(text, MIN_CLASSIFIER_WORDS, seg[0], seg[1])) continue;
      const p = predict(model, text, seg[0], seg[1], words);
      if (p > best) {
        best = p;
        span = seg;
      }
    }
  }
  const confidence = calibrate(best, threshold);
  if (confidence < 0.5) return undefined;
  return {
    kind,
    start: span[0],
    end: span[1],
    confidence: Math.round(confidence * 1000) / 1000,
    message: `${model.name} classifier p=${best.toFixed(3)}`,
  };
}
