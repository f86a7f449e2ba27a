// sec0-sdk is what the docs tell users to install, so its middleware exports start span export
// for `otel.endpoint` as the seed docs promise: the libraries use the OpenTelemetry API only, and
// the exporter is wired here, at the package a process is assembled from (ADR 0009).
import { startTraceExport } from "@sec0/instrumentation";
import {
  createGovernorFromOptions as createGovernorFromOptionsBase,
  createToolGovernor as createToolGovernorBase,
  type MiddlewareOptions,
  sec0HostedMiddleware as sec0HostedMiddlewareBase,
  sec0LocalMiddleware as sec0LocalMiddlewareBase,
  sec0SecurityMiddleware as sec0SecurityMiddlewareBase,
} from "@sec0/middleware";

/** The options with `adapters.traceExporter` set to `startTraceExport` unless the caller chose one. */
export function withTraceExport(options: MiddlewareOptions): MiddlewareOptions {
  if (options.adapters?.traceExporter !== undefined) return options;
  return { ...options, adapters: { ...options.adapters, traceExporter: startTraceExport } };
}

/** `sec0SecurityMiddleware` of `@sec0/middleware`, exporting spans to `otel.endpoint`. */
export const sec0SecurityMiddleware: typeof sec0SecurityMiddlewareBase = (options) =>
  sec0SecurityMiddlewareBase(withTraceExport(options));

/** `sec0LocalMiddleware` of `@sec0/middleware`, exporting spans to `otel.endpoint`. */
export const sec0LocalMiddleware: typeof sec0LocalMiddlewareBase = (options) =>
  sec0LocalMiddlewareBase(withTraceExport(options));

/** `sec0HostedMiddleware` of `@sec0/middleware`, exporting spans to `otel.endpoint`. */
export const sec0HostedMiddleware: typeof sec0HostedMiddlewareBase = (options) =>
  sec0HostedMiddlewareBase(withTraceExport(options));

/** `createToolGovernor` of `@sec0/middleware`, exporting spans to `otel.endpoint`. */
export const createToolGovernor: typeof createToolGovernorBase = (options, deps) =>
  createToolGovernorBase(withTraceExport(options), deps);

/** `createGovernorFromOptions` of `@sec0/middleware`, exporting spans to `otel.endpoint`. */
export const createGovernorFromOptions: typeof createGovernorFromOptionsBase = (options, registry) =>
  createGovernorFromOptionsBase(withTraceExport(options), registry);
