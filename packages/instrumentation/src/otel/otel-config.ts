// The options of initTracing (0.2.3's OTelConfig) and their validation.

import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import { Sec0Error } from "@sec0/core";

/** How spans travel to the collector. */
export type OtlpProtocol = "http" | "grpc";

/** The options of {@link initTracing}: 0.2.3's fields (all required but `sample.error`) plus `protocol`. */
export interface OTelConfig {
  /** The collector: `http://host:4318/v1/traces` (OTLP/HTTP) or `grpc://host:4317` / `http://host:4317` (gRPC). */
  readonly endpoint: string;
  readonly serviceName: string;
  readonly serviceVersion: string;
  readonly environment: string;
  readonly tenant: string;
  /**
   * Ratios in [0, 1]: `success` for spans that end OK (or unset), `error` for spans that end with
   * ERROR status (defaults to `success`, which is what 0.2.3 did with every span).
   */
  readonly sample: { readonly success: number; readonly error?: number };
  /** Overrides the protocol read from the endpoint (`grpc://` or port 4317 ⇒ gRPC, else HTTP). */
  readonly protocol?: OtlpProtocol;
  /** Replaces the OTLP exporter (an in-memory exporter in tests, or your own). */
  readonly exporter?: SpanExporter;
}

function invalid(field: string, problem: string): Sec0Error {
  return new Sec0Error("INSTRUMENTATION_TRACING_OPTIONS_INVALID", `initTracing: ${field} ${problem}.`, {
    details: { field },
  });
}

function checkRatio(field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1)
    throw invalid(field, "must be a number from 0 to 1");
}

/**
 * Checks `config` the way 0.2.3 did (every field required), plus the ratios' range.
 * @throws INSTRUMENTATION_TRACING_OPTIONS_INVALID naming the field (`details.field`).
 * @example
 * validateOtelConfig({ endpoint: "http://127.0.0.1:4318/v1/traces", serviceName: "s", serviceVersion: "1", environment: "dev", tenant: "t", sample: { success: 1 } });
 */
export function validateOtelConfig(config: OTelConfig): void {
  if (config === null || typeof config !== "object") throw invalid("config", "must be an object");
  for (const field of ["endpoint", "serviceName", "serviceVersion", "environment", "tenant"] as const) {
    const value = config[field];
    if (typeof value !== "string" || value.trim() === "")
      throw invalid(field, "is required (a non-empty string)");
  }
  if (config.sample === null || typeof config.sample !== "object")
    throw invalid("sample", "is required ({ success, error? })");
  checkRatio("sample.success", config.sample.success);
  if (config.sample.error !== undefined) checkRatio("sample.error", config.sample.error);
  if (config.protocol !== undefined && config.protocol !== "http" && config.protocol !== "grpc")
    throw invalid("protocol", 'must be "http" or "grpc"');
}

/**
 * The protocol for `endpoint`: `protocol` when given, else gRPC for a `grpc://` URL or port 4317, else HTTP.
 * @example
 * protocolOf("grpc://127.0.0.1:4317"); // "grpc"
 */
export function protocolOf(endpoint: string, protocol?: OtlpProtocol): OtlpProtocol {
  if (protocol !== undefined) return protocol;
  if (/^grpcs?:\/\//i.test(endpoint)) return "grpc";
  try {
    return new URL(endpoint).port === "4317" ? "grpc" : "http";
  } catch {
    return "http";
  }
}
