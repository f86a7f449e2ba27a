// Turns Sec0NodeSdkOptions (and the sec0 app profile, when one is loaded) into the NodeSDK
// configuration. What is not set here is left to the SDK, which reads the OTEL_* variables.
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import type { NodeSDKConfiguration } from "@opentelemetry/sdk-node";
import { isSec0Error, Sec0Error } from "@sec0/core";
import { getSec0AppConfig, type Sec0AppProfile } from "../config/index.js";
import type { NodeSdkModule } from "./load-node-sdk.js";
import type { Sec0NodeSdkOptions } from "./sec0-node-sdk-options.js";

function invalid(field: string, problem: string): Sec0Error {
  return new Sec0Error("INSTRUMENTATION_TRACING_OPTIONS_INVALID", `startSec0NodeSdk: ${field} ${problem}.`, {
    details: { field },
  });
}

function checkBlank(field: string, value: string | undefined): void {
  if (value !== undefined && value.trim().length === 0)
    throw invalid(field, "is empty; leave it out for the default");
}

/**
 * Checks the options before anything starts: non-blank names, an http(s) `endpoint`, and at most
 * one of `spanProcessors`, `traceExporter`, `endpoint`.
 *
 * @throws INSTRUMENTATION_TRACING_OPTIONS_INVALID naming the field.
 * @example
 * validateNodeSdkOptions({ endpoint: "http://127.0.0.1:4318/v1/traces" });
 */
export function validateNodeSdkOptions(options: Sec0NodeSdkOptions): void {
  checkBlank("serviceName", options.serviceName);
  checkBlank("serviceVersion", options.serviceVersion);
  if (options.endpoint !== undefined && !/^https?:\/\/[^/\s]+/i.test(options.endpoint)) {
    throw invalid("endpoint", "is not an http(s) URL (e.g. http://127.0.0.1:4318/v1/traces)");
  }
  const pipelines = (["spanProcessors", "traceExporter", "endpoint"] as const).filter(
    (field) => options[field] !== undefined,
  );
  if (pipelines.length > 1) {
    throw invalid(
      pipelines.join(" and "),
      "are both given; pass one of spanProcessors, traceExporter, endpoint",
    );
  }
}

/** The loaded sec0 app profile, or `undefined` before `initializeSec0App` ran. */
function loadedProfile(): Sec0AppProfile | undefined {
  try {
    return getSec0AppConfig();
  } catch (error) {
    if (isSec0Error(error, "INSTRUMENTATION_NOT_INITIALIZED")) return undefined;
    throw error;
  }
}

function resourceOf(sdk: NodeSdkModule, options: Sec0NodeSdkOptions, profile: Sec0AppProfile | undefined) {
  const version = options.serviceVersion ?? profile?.client.version;
  const attributes = {
    ...(version === undefined ? {} : { "service.version": version }),
    ...(profile === undefined
      ? {}
      : { "deployment.environment.name": profile.environment, "sec0.tenant": profile.tenant }),
  };
  // The SDK merges what its detectors find (OTEL_RESOURCE_ATTRIBUTES, process, host) over this.
  return sdk.resources.defaultResource().merge(sdk.resources.resourceFromAttributes(attributes));
}

function traceConfigOf(options: Sec0NodeSdkOptions): Partial<NodeSDKConfiguration> {
  if (options.spanProcessors !== undefined) return { spanProcessors: [...options.spanProcessors] };
  if (options.traceExporter !== undefined) return { traceExporter: options.traceExporter };
  if (options.endpoint !== undefined) {
    return { traceExporter: new OTLPTraceExporter({ url: options.endpoint, timeoutMillis: 5000 }) };
  }
  return {};
}

/**
 * The `NodeSDK` configuration of `options` (checked by {@link validateNodeSdkOptions}): service name and version from the
 * options, else the sec0 app profile, else left to the SDK's `OTEL_*` handling; the trace pipeline
 * from `spanProcessors`, `traceExporter` or `endpoint`, else from `OTEL_EXPORTER_OTLP_*`.
 *
 * @example
 * const config = buildNodeSdkConfiguration(await loadNodeSdk(), { serviceName: "orders" });
 */
export function buildNodeSdkConfiguration(
  sdk: NodeSdkModule,
  options: Sec0NodeSdkOptions,
): Partial<NodeSDKConfiguration> {
  const profile = loadedProfile();
  const serviceName = options.serviceName ?? profile?.client.name;
  return {
    resource: resourceOf(sdk, options, profile),
    ...(serviceName === undefined ? {} : { serviceName }),
    ...traceConfigOf(options),
    instrumentations: [...(options.instrumentations ?? [])],
  };
}
