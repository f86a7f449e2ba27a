// Honours sample.error, which 0.2.3 ignored. A sampler decides when a span starts, before anyone
// knows whether it fails, so the decision is split in two: the head sampler keeps a root trace at
// the larger of the two ratios, and a span processor in front of the exporter drops, when a span
// ends, the spans its outcome's ratio does not keep. Both read the same number in [0, 1) from the
// trace id, so the result is exact: an ERROR span is exported with probability `error`, any other
// span with probability `success`, and every span of a trace with one outcome goes the same way.
import type { Attributes, Context, Link, SpanKind } from "@opentelemetry/api";
import { SpanStatusCode } from "@opentelemetry/api";
import {
  type ReadableSpan,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  type Span,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";

/** The sample ratios, `error` already defaulted. */
export interface OutcomeRatios {
  readonly success: number;
  readonly error: number;
}

/** A number in [0, 1) from a trace id: its 32-bit words XOR-folded, as TraceIdRatioBasedSampler does. */
export function traceIdFraction(traceId: string): number {
  let folded = 0;
  for (let at = 0; at < traceId.length; at += 8) {
    folded = (folded ^ Number.parseInt(traceId.slice(at, at + 8), 16)) >>> 0;
  }
  return folded / 0x1_0000_0000;
}

/** The root sampler: keeps a trace when its fraction is below the larger ratio. */
export class OutcomeHeadSampler implements Sampler {
  readonly #keep: number;
  constructor(ratios: OutcomeRatios) {
    this.#keep = Math.max(ratios.success, ratios.error);
  }
  shouldSample(
    _context: Context,
    traceId: string,
    _name: string,
    _kind: SpanKind,
    _attributes: Attributes,
    _links: Link[],
  ): SamplingResult {
    const sampled = traceIdFraction(traceId) < this.#keep;
    return { decision: sampled ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }
  toString(): string {
    return `Sec0OutcomeHeadSampler{${this.#keep}}`;
  }
}

/** Passes an ended span on to `next` only when its outcome's ratio keeps its trace. */
export class OutcomeSpanProcessor implements SpanProcessor {
  readonly #next: SpanProcessor;
  readonly #ratios: OutcomeRatios;
  constructor(next: SpanProcessor, ratios: OutcomeRatios) {
    this.#next = next;
    this.#ratios = ratios;
  }
  onStart(span: Span, parentContext: Context): void {
    this.#next.onStart(span, parentContext);
  }
  onEnd(span: ReadableSpan): void {
    const ratio = span.status.code === SpanStatusCode.ERROR ? this.#ratios.error : this.#ratios.success;
    if (traceIdFraction(span.spanContext().traceId) < ratio) this.#next.onEnd(span);
  }
  forceFlush(): Promise<void> {
    return this.#next.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.#next.shutdown();
  }
}
