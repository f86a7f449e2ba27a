import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import { excerpt } from "./mask.js";
import type { Detector, Finding, ScanLocation } from "./types.js";
import { formatPath, walkStringKeys } from "./walk.js";

/** Limits and context of one scan. */
export interface ScanOptions {
  /** Tags every finding with the side of the call it came from. */
  readonly location?: ScanLocation;
  /** UTF-8 bytes of string content to examine; the rest is skipped and `truncated` is set. Default 4 MiB. */
  readonly maxBytes?: number;
  /** Wall-clock budget; checked between strings, so one huge string can overrun it. Default 250 ms. */
  readonly maxTimeMs?: number;
  /** Stop collecting after this many findings (`truncated` is set). Default 500. */
  readonly maxFindings?: number;
  /** Maximum nesting depth walked. Default 64. */
  readonly maxDepth?: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

/** What a scan found and how much of the value it examined. */
export interface ScanResult {
  readonly findings: Finding[];
  readonly bytesScanned: number;
  readonly stringsScanned: number;
  /** True when `maxBytes` or `maxFindings` cut the scan short. */
  readonly truncated: boolean;
  /** True when `maxTimeMs` elapsed before every string was examined. */
  readonly timedOut: boolean;
  /** Ids of detectors that threw on some string (their matches for that string are missing). */
  readonly errors: readonly string[];
}

export const DEFAULT_MAX_SCAN_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_SCAN_MS = 250;

/**
 * Runs `detectors` over every string in `value` (at any depth) within the size and time caps.
 * A detector that throws is skipped for that string and listed in `errors`, never rethrown.
 */
export function scanValue(
  value: unknown,
  detectors: readonly Detector[],
  options: ScanOptions = {},
): ScanResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SCAN_BYTES;
  const maxMs = options.maxTimeMs ?? DEFAULT_MAX_SCAN_MS;
  const maxFindings = options.maxFindings ?? 500;
  const now = options.now ?? (() => performance.now());
  const deadline = now() + maxMs;
  const findings: Finding[] = [];
  let bytes = 0;
  let strings = 0;
  let truncated = false;
  let timedOut = false;
  const errors: string[] = [];

  walkStringKeys(
    value,
    (keys, full) => {
      if (full.length === 0) return true;
      if (now() > deadline) {
        timedOut = true;
        return false;
      }
      let text = full;
      const exact = Buffer.byteLength(full, "utf8");
      if (bytes + exact > maxBytes) {
        const room = maxBytes - bytes;
        if (room <= 0) {
          truncated = true;
          return false;
        }
        // Cut by characters; at most `room` characters cannot exceed `room` bytes.
        text = full.slice(0, room);
        truncated = true;
      }
      bytes += text === full ? exact : Buffer.byteLength(text, "utf8");
      strings++;
      let path: string | undefined;
      for (const detector of detectors) {
        let matches: ReturnType<Detector["detect"]>;
        try {
          matches = detector.detect(text);
        } catch {
          if (!errors.includes(detector.id)) errors.push(detector.id);
          continue;
        }
        for (const m of matches) {
          path ??= formatPath(keys);
          findings.push({
            code: detector.code,
            detector: detector.id,
            kind: m.kind,
            severity: m.severity ?? detector.defaultSeverity,
            confidence: m.confidence,
            path,
            start: m.start,
            end: m.end,
            evidence: excerpt(text, m.start, m.end, m.sensitive === true),
            message: m.message ?? `${detector.id} detector matched ${m.kind}`,
            ...(options.location === undefined ? {} : { location: options.location }),
          });
          if (findings.length >= maxFindings) {
            truncated = true;
            return false;
          }
        }
      }
      return !truncated;
    },
    options.maxDepth,
  );
  return { findings, bytesScanned: bytes, stringsScanned: strings, truncated, timedOut, errors };
}
