import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import { excerpt } from "./mask.js";
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
    if (isKey && cleanKeys.has(text)) return true;
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

/**
 * Scans one string chunk by chunk. Each chunk owns the matches that start before the next chunk
 * does, so a match is reported once. Returns `false` to stop the walk (deadline or count cap).
 */
function scanString(
  keys: KeyPath,
  text: string,
  isKey: boolean,
  ctx: ChunkContext,
  state: ScanState,
): boolean {
  let path: string | undefined;
  for (let start = 0; ; ) {
    const end = Math.min(text.length, start + SCAN_CHUNK);
    const last = end === text.length;
    const piece = start === 0 && last ? text : text.slice(start, end);
    const owned = last ? Number.POSITIVE_INFINITY : end - SCAN_OVERLAP - start;
    const scan = fillStringScan(ctx.scan, piece);
    for (const detector of ctx.detectors) {
      let matches: ReturnType<Detector["detect"]>;
      try {
        matches = detector.detect(piece, scan);
      } catch {
        if (!state.errors.includes(detector.id)) state.errors.push(detector.id);
        continue;
      }
      for (const m of matches) {
        if (m.start >= owned) continue;
        path ??= isKey ? `${formatPath(keys)}#key` : formatPath(keys);
        const s = m.start + start;
        const e = m.end + start;
        state.findings.push({
          code: detector.code,
          detector: detector.id,
          kind: m.kind,
          severity: m.severity ?? detector.defaultSeverity,
          confidence: m.confidence,
          path,
          start: s,
          end: e,
          evidence: excerpt(text, s, e, m.sensitive === true),
          message: m.message ?? `${detector.id} detector matched ${m.kind}`,
          ...(ctx.location === undefined ? {} : { location: ctx.location }),
          ...(isKey ? { inKey: true } : {}),
        });
        if (state.findings.length >= ctx.maxFindings) {
          state.truncated = true;
          return false;
        }
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
