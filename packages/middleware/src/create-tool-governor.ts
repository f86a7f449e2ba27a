import { join } from "node:path";
import { silentLogger } from "@sec0/core";
import {
  createDecisionEngine,
  createFileScanStore,
  type EngineDeps,
  type EngineOptions,
  type ToolGovernor,
  type TraceExport,
} from "@sec0/guard";
import { createPolicyJudge } from "./create-policy-judge.js";
import { assertDastServerFor } from "./dast/dast-options.js";
import { defaultScanRunners } from "./default-scan-runners.js";
import type { MiddlewareOptions } from "./options.js";
import { warnUnjudgedRules } from "./warn-unjudged-rules.js";

/** Dependencies a surface passes to {@link createToolGovernor} beyond the user's options. */
export type GovernorDeps = Omit<EngineDeps, "onClose">;

/**
 * The decision engine of `@sec0/guard` as the MCP middleware uses it: the surface is
 * `middleware`, and the seed-doc option names (`otel`, `middlewareHop`, `telemetry`) map onto the
 * engine's. Spans go to `otel.endpoint` when `adapters.traceExporter` can start an exporter
 * (`sec0-sdk` wires one), else to the process's global OpenTelemetry provider.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unusable contextual evaluator configuration;
 *   `MIDDLEWARE_CONFIG_INVALID` for an inline policy enabling `dast` without the `dast.server`
 *   option, or a `dast.server` that is not a Node script.
 * @example
 * const governor = createToolGovernor({ policy }, { policySource, auditSink });
 * const outcome = await governor.govern({ server: { name: "files" }, tool: "read", args }, run);
 */
export function createToolGovernor(options: MiddlewareOptions, deps: GovernorDeps): ToolGovernor {
  const telemetryEnabled = options.telemetry?.enabled !== false;
  const traces = telemetryEnabled ? startTraces(options) : undefined;
  warnUnjudgedRules(deps.policySource, options.logger, options.adapters?.judge);
  // Without adapters.judge, the policy's llm_judge decides (no llm_judge: every NL rule fails to judge).
  const judge = options.adapters?.judge ?? createPolicyJudge(deps.policySource, options.env ?? process.env);
  // Scans (the policy's sast and dast hooks) with the built-in runners, results kept in <sec0.dir>/scans.
  if (options.adapters?.scanRunners?.dast === undefined) assertDastServerFor(options.policy, options.dast);
  const scanRunners =
    options.adapters?.scanRunners ?? defaultScanRunners(options.dast, options.cwd ?? process.cwd());
  const scanStore =
    options.adapters?.scanStore ??
    createFileScanStore(join(options.sec0?.dir ?? ".sec0", "scans"), options.logger ?? silentLogger);
  const withJudge = { ...options, adapters: { ...options.adapters, judge, scanRunners, scanStore } };
  return createDecisionEngine(engineOptionsOf(withJudge, telemetryEnabled, traces), {
    ...deps,
    ...(traces === undefined ? {} : { onClose: () => traces.shutdown() }),
  });
}

function startTraces(options: MiddlewareOptions): TraceExport | undefined {
  const otel = options.otel;
  if (otel?.endpoint === undefined || otel.endpoint.length === 0) return undefined;
  const exporter = options.adapters?.traceExporter;
  if (exporter === undefined) {
    options.logger?.warn(
      { endpoint: otel.endpoint },
      "sec0 otel.endpoint is set but no trace exporter is wired: spans go to the global OpenTelemetry provider (use sec0-sdk, or pass adapters.traceExporter from @sec0/instrumentation)",
    );
    return undefined;
  }
  return exporter(otel, options.logger);
}

function engineOptionsOf(
  options: MiddlewareOptions,
  telemetryEnabled: boolean,
  traces: TraceExport | undefined,
): EngineOptions {
  const { otel } = options;
  return {
    surface: "middleware",
    telemetryEnabled,
    ...(traces === undefined ? {} : { tracer: traces.tracer }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(otel?.tenant === undefined ? {} : { tenant: otel.tenant }),
    ...(otel?.environment === undefined ? {} : { environment: otel.environment }),
    ...(options.middlewareHop === undefined ? {} : { hop: options.middlewareHop }),
    ...(options.contextualEvaluator === undefined
      ? {}
      : { contextualEvaluator: options.contextualEvaluator }),
    ...(options.agentGuard === undefined ? {} : { agentGuard: options.agentGuard }),
    ...(options.augment === undefined ? {} : { augment: options.augment }),
    ...(options.adapters === undefined ? {} : { adapters: options.adapters }),
  };
}
