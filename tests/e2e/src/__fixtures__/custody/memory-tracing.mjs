// Registers an OpenTelemetry SDK with an in-memory exporter and an AsyncLocalStorage context
// manager (@opentelemetry/context-async-hooks is not installed; this is the same ~20 lines), so a
// span made active with `context.with` stays active across awaits.
import { AsyncLocalStorage } from "node:async_hooks";
import {
  BasicTracerProvider,
  context,
  InMemorySpanExporter,
  ROOT_CONTEXT,
  SimpleSpanProcessor,
  trace,
} from "./built-deps.mjs";

class AsyncLocalStorageContextManager {
  #storage = new AsyncLocalStorage();
  active() {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with(ctx, fn, thisArg, ...args) {
    return this.#storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind(ctx, target) {
    if (typeof target !== "function") return target;
    const manager = this;
    return function bound(...args) {
      return manager.with(ctx, () => target.apply(this, args));
    };
  }
  enable() {
    return this;
  }
  disable() {
    this.#storage.disable();
    return this;
  }
}

/** Registers the global provider and context manager; `spans()` lists the finished spans' ids. */
export function registerMemoryTracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  if (!context.setGlobalContextManager(new AsyncLocalStorageContextManager())) {
    throw new Error("could not register the context manager");
  }
  if (!trace.setGlobalTracerProvider(provider)) throw new Error("could not register the tracer provider");
  return {
    async spans() {
      await provider.forceFlush();
      return exporter.getFinishedSpans().map((span) => ({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId ?? span.parentSpanId ?? null,
        name: span.name,
      }));
    },
  };
}
