import { foldConfusables, isConfusableUnit } from "./confusable-words.js";
import {
  bufferText,
  createFoldBuffer,
  type FoldBuffer,
  pushCodePoint,
  pushUnit,
  resetFoldBuffer,
} from "./fold-buffer.js";
import { classifyInvisible, DROP, isTagChar, KEEP } from "./invisible.js";
import { nfkcOf } from "./nfkc-code-point.js";
import { createIndexMapper, createView } from "./span-map.js";
import type { TextView, Transform } from "./transform.js";

const MARK_AT = /\p{M}/uy;
/** Reused between calls (folding never re-enters itself); views keep right-sized copies of its maps. */
const SCRATCH = createFoldBuffer(1024);
/** Longer strings get their own buffer, so the scratch one never pins megabytes. */
const MAX_SCRATCH = 1 << 16;

interface FoldState {
  readonly buffer: FoldBuffer;
  nfkc: boolean;
  invisible: boolean;
  tags: boolean;
  confusable: boolean;
  /** Whether a look-alike unit was emitted (pass 2 is skipped otherwise). */
  maybeConfusable: boolean;
  /** Inside a run of decoded tag characters; `tagEnd` is where the last one ended. */
  inTag: boolean;
  tagEnd: number;
  lastAlnum: boolean;
}

/**
 * The folded view of `text`: NFKC, then invisible and format characters removed (tag characters
 * decoded in place to the ASCII they carry, set off by a space where they would glue onto a
 * word), then look-alike letters mapped to ASCII (see `foldConfusables`). NFKC runs per cluster
 * (a code point and the combining marks after it; a cached per-code-point table when no mark
 * follows), so each output unit maps back to the cluster it came from and `toOriginal` is exact
 * even where NFKC changes lengths ("ﬁ" → "fi"). Sequences NFKC composes across clusters (Hangul
 * conjoining jamo) stay decomposed, which matching does not need. Returns
 * undefined when folding changes nothing (always for pure ASCII).
 */
export function foldedView(text: string): TextView | undefined {
  if (isAscii(text)) return undefined;
  const state = foldUnicode(text);
  const { buffer } = state;
  if (state.maybeConfusable) state.confusable = foldConfusables(buffer.units, buffer.length);
  const out = bufferText(buffer);
  if (out === text || out.length === 0) return undefined;
  const transforms: Transform[] = [];
  if (state.nfkc) transforms.push("nfkc");
  if (state.invisible) transforms.push("invisible");
  if (state.tags) transforms.push("tags");
  if (state.confusable) transforms.push("confusable");
  const starts = buffer.starts.slice(0, buffer.length);
  const ends = buffer.ends.slice(0, buffer.length);
  const mapper = createIndexMapper(starts, ends, buffer.length, text.length);
  return createView(out, transforms, mapper);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function foldUnicode(text: string): FoldState {
  const n = text.length;
  const state: FoldState = {
    buffer: n <= MAX_SCRATCH ? resetFoldBuffer(SCRATCH, n) : createFoldBuffer(n),
    nfkc: false,
    invisible: false,
    tags: false,
    confusable: false,
    maybeConfusable: false,
    inTag: false,
    tagEnd: 0,
    lastAlnum: false,
  };
  const clusters = new Map<string, string>();
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (c < 0x80 && next < 0x300) {
      emit(state, c, i, i + 1);
      i++;
      continue;
    }
    const cp = c >= 0xd800 && c <= 0xdbff ? text.codePointAt(i)! : c;
    let j = i + (cp > 0xffff ? 2 : 1);
    if (j < n && isMarkAt(text, j)) {
      while (j < n && isMarkAt(text, j)) j += text.codePointAt(j)! > 0xffff ? 2 : 1;
      emitCluster(state, text.slice(i, j), i, j, clusters);
    } else {
      const norm = nfkcOf(cp);
      if (norm === undefined) emit(state, cp, i, j);
      else emitNormalised(state, norm, i, j);
    }
    i = j;
  }
  return state;
}

/** Per BMP code unit: 0 unknown, 1 combining mark, 2 not (filled lazily). */
const MARK_STATE = new Uint8Array(0x10000);

function isMarkAt(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  if (unit < 0x300) return false;
  const known = MARK_STATE[unit]!;
  if (known !== 0) return known === 1;
  MARK_AT.lastIndex = at;
  const isMark = MARK_AT.test(text);
  if (unit < 0xd800 || unit > 0xdfff) MARK_STATE[unit] = isMark ? 1 : 2;
  return isMark;
}

function emitCluster(
  state: FoldState,
  cluster: string,
  start: number,
  end: number,
  cache: Map<string, string>,
) {
  let norm = cache.get(cluster);
  if (norm === undefined) {
    norm = cluster.normalize("NFKC");
    cache.set(cluster, norm);
  }
  if (norm !== cluster) emitNormalised(state, norm, start, end);
  else emitAsIs(state, cluster, start, end);
}

function emitNormalised(state: FoldState, norm: string, start: number, end: number): void {
  state.nfkc = true;
  emitAsIs(state, norm, start, end);
}

function emitAsIs(state: FoldState, norm: string, start: number, end: number): void {
  for (let k = 0; k < norm.length; ) {
    const cp = norm.codePointAt(k)!;
    emit(state, cp, start, end);
    k += cp > 0xffff ? 2 : 1;
  }
}

function isAsciiAlnum(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/** Runs the invisible / tag step on one code point of NFKC output and appends what remains. */
function emit(state: FoldState, cp: number, start: number, end: number): void {
  const kind = cp < 0xad ? KEEP : classifyInvisible(cp);
  if (kind === DROP) {
    if (isTagChar(cp)) state.tags = true;
    else state.invisible = true;
    return;
  }
  const { buffer } = state;
  if (kind >= 0) {
    state.tags = true;
    if (!state.inTag && state.lastAlnum && isAsciiAlnum(kind)) pushUnit(buffer, 32, start, end);
    state.inTag = true;
    state.tagEnd = end;
    pushUnit(buffer, kind, start, end);
    state.lastAlnum = isAsciiAlnum(kind);
    return;
  }
  if (state.inTag) {
    state.inTag = false;
    if (state.lastAlnum && isAsciiAlnum(cp)) pushUnit(buffer, 32, state.tagEnd, state.tagEnd);
  }
  if (cp >= 0x80 && cp <= 0xffff && isConfusableUnit(cp)) state.maybeConfusable = true;
  pushCodePoint(buffer, cp, start, end);
  state.lastAlnum = isAsciiAlnum(cp);
}
