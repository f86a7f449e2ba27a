import { type Counter, type Histogram, metrics } from "@opentelemetry/api";

/** The gateway's metrics, under 0.2.3's names; no-ops unless a MeterProvider is registered. */
export interface GatewayMetrics {
  /** One answered call: its outcome, denial reason and latency. */
  recordCall(status: number, denialReason: string | undefined, latencyMs: number): void;
  /** The quota store failed and the fail mode applied (`closed`, `open` or `local`). */
  recordQuotaDegraded(mode: string): void;
}

/** Name of the meter the gateway's instruments come from. */
export const GATEWAY_METER_NAME = "@sec0/gateway";

/**
 * Creates the gateway's instruments from the global MeterProvider: `sec0_gateway_calls_total`
 * (`outcome` allow / deny / error), `sec0_gateway_denials_total` (`reason`),
 * `sec0_gateway_latency_ms` (histogram) and `sec0_gateway_quota_degraded_total` (`mode`). Never
 * throws: a telemetry failure never changes a decision.
 */
export function createGatewayMetrics(): GatewayMetrics {
  let calls: Counter | undefined;
  let denials: Counter | undefined;
  let latency: Histogram | undefined;
  let degraded: Counter | undefined;
  try {
    const meter = metrics.getMeter(GATEWAY_METER_NAME);
    calls = meter.createCounter("sec0_gateway_calls_total", { description: "Gateway calls by outcome." });
    denials = meter.createCounter("sec0_gateway_denials_total", {
      description: "Refused gateway calls by reason.",
    });
    latency = meter.createHistogram("sec0_gateway_latency_ms", {
      description: "Gateway call latency.",
      unit: "ms",
    });
    degraded = meter.createCounter("sec0_gateway_quota_degraded_total", {
      description: "Quota decisions made by the fail mode because the store could not answer.",
    });
  } catch {
    // No metrics: the gateway works the same.
  }
  return {
    recordCall(status, denialReason, latencyMs) {
      try {
        const outcome = status < 400 ? "allow" : status >= 500 ? "error" : "deny";
        calls?.add(1, { outcome });
        if (outcome !== "allow") denials?.add(1, { reason: denialReason ?? "unknown" });
        latency?.record(latencyMs, { outcome });
      } catch {
        // Telemetry never changes a decision.
      }
    },
    recordQuotaDegraded(mode) {
      try {
        degraded?.add(1, { mode });
      } catch {
        // Telemetry never changes a decision.
      }
    },
  };
}
