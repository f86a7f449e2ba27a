import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import { excerpt } from "./mask.js";
import { matchingViews, mayNeedViews, type TextView } from "./normalise/index.js";
import { createStringScan, fillStringScan, type StringScan } from "./string-scan.js";
import type { Detector, Finding, ScanLocation } from "./types.js";
import { formatPath, type KeyPath, walkStringKeys } from "./walk.js";

/** Limits and context of one scan. */
export interface ScanOptions {
  /** Tags every finding with the side of the call it came from. */
  readonly location?: ScanLocation;
  /** UTF-8 bytes of string content (values and keys) to examine; past it `truncated` is set. Default 4 MiB. */
  readonly maxBytes?: number;
  /**
   * Wall-clock budget per call. Checked between strings and, inside a string longer than
   * {@link SCAN_CHUNK}, between chunks; past it `timedOut` is set. Default 250 ms.
   */
  readonly maxTimeMs?: number;
  /** Stop collecting after this many findings (`truncated` is set). Default 500. */
  readonly maxFindings?: number;
  /** Maximum nesting depth walked; anything deeper sets `truncated` and `depthExceeded`. Default 64. */
  readonly maxDepth?: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

/** What a scan found and how much of the value it examined. */
export interface ScanResult {
  readonly findings: Finding[];
  readonly bytesScanned: number;
  readonly stringsScanned: number;
  /** True when `maxBytes`, `maxFindings` or `maxDepth` cut the scan short. */
  readonly truncated: boolean;
  /** True when some container was nested deeper than `maxDepth` (and was not examined). */
  readonly depthExceeded: boolean;
  /** True when `maxTimeMs` elapsed before every string was examined. */
  readonly timedOut: boolean;
  /** Ids of detectors that threw on some string (their matches for that string are missing). */
  readonly errors: readonly string[];
}

export const DEFAULT_MAX_SCAN_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_SCAN_MS = 250;
/** Strings longer than this (UTF-16 units) are scanned in chunks, with the deadline checked between them. */
export const SCAN_CHUNK = 32 * 1024;
/** Characters shared by consecutive chunks, so that a match up to this long across a boundary is found. */
export const SCAN_OVERLAP = 4 * 1024;

interface ScanState {
  readonly findings: Finding[];
  readonly errors: string[];
  bytes: number;
  strings: number;
  truncated: boolean;
  depthExceeded: boolean;
  timedOut: boolean;
}

/**
 * Runs `detectors` over every string in `value` (values and object keys, at any depth) within
 * the size, depth, time and count caps; a cap that cuts the scan short is reported, never silent.
 * A detector that throws is skipped for that string and listed in `errors`, never rethrown.
 */
export function scanValue(
  value: unknown,
  detectors: readonly Detector[],
  options: ScanOptions = {},
): ScanResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SCAN_BYTES;
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.maxTimeMs ?? DEFAULT_MAX_SCAN_MS);
  const ctx: ChunkContext = {
    detectors,
    location: options.location,
    maxFindings: options.maxFindings ?? 500,
    expired: () => now() > deadline,
    scan: spareScans.pop() ?? createStringScan(),
  };
  const state: ScanState = {
    findings: [],
    errors: [],
    bytes: 0,
    strings: 0,
    truncated: false,
    depthExceeded: false,
    timedOut: false,
  };
  const cleanKeys = new Set<string>();
  const onDepthCap = () => {
    state.truncated = true;
    state.depthExceeded = true;
  };
  // The scan's prefilter value is returned to the spares even when a walk callback throws.
  try {
    walkStringKeys(value, visit, { maxDepth: options.maxDepth ?? 64, keys: true, onDepthCap });
  } finally {
    if (spareScans.length < 4) spareScans.push(ctx.scan);
  }
  function visit(keys: KeyPath, full: string, isKey: boolean): boolean {
    if (full.length === 0) return true;
    if (ctx.expired()) {
      state.timedOut = true;
      return false;
    }
    let text = full;
    const exact = Buffer.byteLength(full, "utf8");
    if (state.bytes + exact > maxBytes) {
      const room = maxBytes - state.bytes;
      state.truncated = true;
      if (room <= 0) return false;
      // Cut by characters; at most `room` characters cannot exceed `room` bytes.
      text = full.slice(0, room);
    }
    state.bytes += text === full ? exact : Buffer.byteLength(text, "utf8");
    state.strings++;
    // Keys repeat across the entries of a value: a key already found clean is not rescanned.
    if ((isKey && cleanKeys.has(text)) || detectors.length === 0) return true;
    const before = state.findings.length;
    const more = scanString(keys, text, isKey, ctx, state) && !state.truncated;
    if (isKey && more && state.findings.length === before && cleanKeys.size < 4096) cleanKeys.add(text);
    return more;
  }
  const { findings, bytes, strings, truncated, depthExceeded, timedOut, errors } = state;
  return {
    findings,
    bytesScanned: bytes,
    stringsScanned: strings,
    truncated,
    depthExceeded,
    timedOut,
    errors,
  };
}

/**
 * Prefilter values of finished scans, reused by the next ones so that a scan allocates no needle
 * stamps or word arrays. A spare holds only buffers: each string refills it before any detector
 * reads it.
 */
const spareScans: StringScan[] = [];

interface ChunkContext {
  readonly detectors: readonly Detector[];
  readonly location: ScanLocation | undefined;
  readonly maxFindings: number;
  readonly expired: () => boolean;
  /** The prefilter value of the string being scanned, refilled for each string (buffers reused). */
  readonly scan: StringScan;
}

/** Where the matches of one string go: its key path (formatted on the first finding) and text. */
interface StringSink {
  readonly keys: KeyPath;
  readonly text: string;
  readonly isKey: boolean;
  path: string | undefined;
}

/**
 * Scans one string chunk by chunk. Each chunk owns the matches that start before the next chunk
 * does, so a match is reported once. A chunk that may hide text (look-alike or invisible
 * characters, leetspeak, encoded runs) is also scanned in its normalised views; what only a view
 * shows is reported at the original span with `revealedBy`. Returns `false` to stop the walk
 * (deadline or count cap).
 */
function scanString(
  keys: KeyPath,
  text: string,
  isKey: boolean,
  ctx: ChunkContext,
  state: ScanState,
): boolean {
  const sink: StringSink = { keys, text, isKey, path: undefined };
  for (let start = 0; ; ) {
    const end = Math.min(text.length, start + SCAN_CHUNK);
    const last = end === text.length;
    const piece = start === 0 && last ? text : text.slice(start, end);
    const owned = last ? Number.POSITIVE_INFINITY : end - SCAN_OVERLAP - start;
    const first = state.findings.length;
    if (!runDetectors(piece, start, owned, undefined, first, sink, ctx, state)) return false;
    if (ctx.scan.viewHint && mayNeedViews(piece)) {
      for (const view of matchingViews(piece, VIEW_LIMITS)) {
        if (!runDetectors(view.text, start, owned, view, first, sink, ctx, state)) return false;
      }
    }
    if (last) return true;
    if (ctx.expired()) {
      state.timedOut = true;
      return false;
    }
    start = end - SCAN_OVERLAP;
  }
}

/** Caps on the views of one chunk (see `matchingViews`). */
const VIEW_LIMITS = { maxViews: 6, maxDecodedBytes: 64 * 1024, maxDepth: 2 } as const;

/**
 * Runs every detector over `scanned` (a chunk, or a view of it) and records its matches at their
 * place in the original string. A view's match is dropped when the same detector already reported
 * an overlapping span of this chunk (`first` on): the view revealed nothing new there.
 */
function runDetectors(
  scanned: string,
  offset: number,
  owned: number,
  view: TextView | undefined,
  first: number,
  sink: StringSink,
  ctx: ChunkContext,
  state: ScanState,
): boolean {
  const scan = fillStringScan(ctx.scan, scanned, view?.transforms);
  for (const detector of ctx.detectors) {
    let matches: ReturnType<Detector["detect"]>;
    try {
      matches = detector.detect(scanned, scan);
    } catch {
      if (!state.errors.includes(detector.id)) state.errors.push(detector.id);
      continue;
    }
    for (const m of matches) {
      const [ms, me] = view === undefined ? [m.start, m.end] : view.toOriginal(m.start, m.end);
      if (ms >= owned) continue;
      const s = ms + offset;
      const e = me + offset;
      if (view !== undefined && overlapsFinding(state.findings, first, detector.id, s, e)) continue;
      sink.path ??= sink.isKey ? `${formatPath(sink.keys)}#key` : formatPath(sink.keys);
      const message = m.message ?? `${detector.id} detector matched ${m.kind}`;
      state.findings.push({
        code: detector.code,
        detector: detector.id,
        kind: m.kind,
        severity: m.severity ?? detector.defaultSeverity,
        confidence: m.confidence,
        path: sink.path,
        start: s,
        end: e,
        evidence:
          view === undefined
            ? excerpt(sink.text, s, e, m.sensitive === true)
            : excerpt(view.text, m.start, m.end, m.sensitive === true),
        message: view === undefined ? message : `${message} (revealed by ${view.transforms.join(" + ")})`,
        ...(ctx.location === undefined ? {} : { location: ctx.location }),
        ...(sink.isKey ? { inKey: true } : {}),
        ...(view === undefined ? {} : { revealedBy: view.transforms }),
      });
      if (state.findings.length >= ctx.maxFindings) {
        state.truncated = true;
        return false;
      }
    }
  }
  return true;
}

/** True when a finding of `detector` from index `first` on overlaps [start, end). */
function overlapsFinding(
  findings: readonly Finding[],
  first: number,
  detector: string,
  start: number,
  end: number,
): boolean {
  for (let i = first; i < findings.length; i++) {
    const f = findings[i] as Finding;
    if (f.detector === detector && f.start < end && start < f.end) return true;
  }
  return false;
}
