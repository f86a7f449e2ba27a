import { type Context, context, type TextMapGetter } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";

/** Incoming headers: Node's `IncomingHttpHeaders`, a plain record (any case), or a fetch `Headers`. */
export type ExtractableHeaders =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null };

const propagator = new W3CTraceContextPropagator();

const getter: TextMapGetter<ExtractableHeaders> = {
  keys: (carrier) => ("get" in carrier && typeof carrier.get === "function" ? [] : Object.keys(carrier)),
  get(carrier, key) {
    if ("get" in carrier && typeof carrier.get === "function") return carrier.get(key) ?? undefined;
    const record = carrier as Readonly<Record<string, string | readonly string[] | undefined>>;
    const name = Object.keys(record).find((candidate) => candidate.toLowerCase() === key);
    const value = name === undefined ? undefined : record[name];
    return typeof value === "string" ? value : value?.[0];
  },
};

/**
 * The context carried by a request's W3C `traceparent` / `tracestate` headers, on top of the
 * active context (which is returned unchanged when the headers carry none or a malformed one).
 * Pass it as `parent` to {@link startInvokeSpan}. Works before and without initTracing.
 * @example
 * const parent = extractContextFromHeaders(req.headers);
 */
export function extractContextFromHeaders(
  headers: ExtractableHeaders,
  base: Context = context.active(),
): Context {
  return propagator.extract(base, headers, getter);
}
