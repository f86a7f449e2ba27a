import { bytesToText, decodedSizeOf, decodeRunBytes } from "./decode-bytes.js";
import { type EncodedRun, findEncodedRuns } from "./find-encoded-runs.js";
import { foldedView } from "./fold.js";
import type { ResolvedLimits } from "./limits.js";
import { createRunMapper, createView } from "./span-map.js";
import type { TextView, Transform } from "./transform.js";

/** What one string may still spend on decoding; `isTruncated` records a run left undecoded. */
export interface DecodeBudget {
  bytes: number;
  isTruncated: boolean;
  readonly seen: Set<string>;
}

/** One level of decoding: a text as read (`plain`) and, when folding changes it, its folded view. */
export interface DecodeLevel {
  /** The text with its map to the original string. */
  readonly plain: TextView;
  /** `foldedView(plain.text)`: its `toOriginal` maps into `plain.text`, not into the original. */
  readonly folded: TextView | undefined;
}

/** A fresh budget of `limits.maxDecodedBytes`. */
export function createDecodeBudget(limits: ResolvedLimits): DecodeBudget {
  return { bytes: limits.maxDecodedBytes, isTruncated: false, seen: new Set() };
}

/**
 * Appends to `out` one view per encoded run of the level's text (folded when there is a folded
 * view, so runs split by zero-width characters are found) that decodes to text, plus that text's
 * folded view when folding changes it, then recurses into each decoded text while `depth` is at
 * most `limits.maxDepth`. Each run's size is charged to `budget` before decoding, kept or not;
 * a run that does not fit, or that finds `out` full, sets `budget.isTruncated`. Every span of a
 * decoded view maps to the whole encoded run in the original. Identical decoded texts are kept once.
 */
export function collectDecodedViews(
  level: DecodeLevel,
  limits: ResolvedLimits,
  budget: DecodeBudget,
  depth: number,
  out: TextView[],
): void {
  if (depth > limits.maxDepth) return;
  const scanned = level.folded ?? level.plain;
  for (const run of findEncodedRuns(scanned.text, limits.minRunLength)) {
    if (out.length >= limits.maxViews) {
      budget.isTruncated = true;
      return;
    }
    const size = decodedSizeOf(run);
    if (size > budget.bytes) {
      budget.isTruncated = true;
      continue;
    }
    budget.bytes -= size;
    const decoded = bytesToText(decodeRunBytes(scanned.text, run));
    if (decoded === undefined || budget.seen.has(decoded)) continue;
    budget.seen.add(decoded);
    const plain = decodedView(level, run, decoded);
    out.push(plain);
    const folded = foldedView(decoded);
    if (folded !== undefined && out.length < limits.maxViews) {
      out.push(createView(folded.text, [...plain.transforms, ...folded.transforms], plain.toOriginal));
    }
    collectDecodedViews({ plain, folded }, limits, budget, depth + 1, out);
  }
}

/** The decoded view of `run`, listing the level's folding only when folding changed the run. */
function decodedView(level: DecodeLevel, run: EncodedRun, decoded: string): TextView {
  const { plain, folded } = level;
  let transforms: readonly Transform[] = plain.transforms;
  let [start, end] = [run.start, run.end];
  if (folded !== undefined) {
    [start, end] = folded.toOriginal(run.start, run.end);
    const asWritten = plain.text.slice(start, end) === folded.text.slice(run.start, run.end);
    if (!asWritten) transforms = [...transforms, ...folded.transforms];
  }
  return createView(decoded, [...transforms, run.kind], createRunMapper(plain, start, end));
}
