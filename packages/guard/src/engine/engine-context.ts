import type { Clock, IdempotencyStore, Logger } from "@sec0/core";
import { silentLogger, systemClock } from "@sec0/core";
import type { CompiledPolicy, PolicySnapshot } from "@sec0/policy";
import { type CircuitBreaker, createCircuitBreaker } from "../circuit-breaker/circuit-breaker.js";
import {
  type ContextualEvaluatorAdapter,
  resolveContextualAdapter,
} from "../content/contextual-evaluator.js";
import { createGuardCache, type EffectiveAgentGuard } from "../content/guard-cache.js";
import { createToolDefinitionScanner, type ToolDefinitionScanner } from "../content/scan-tool-definition.js";
import { createMemoryIdempotencyStore } from "../idempotency/memory-idempotency-store.js";
import { createToolDefinitionTracker, type ToolDefinitionTracker } from "../pinning/tool-definition.js";
import { createScanManager, type ScanManager } from "../scan/create-scan-manager.js";
import { recordScan } from "../scan/record-scan.js";
import type { EngineDeps, EngineOptions } from "./engine-options.js";
import type { ToolDefinition } from "./engine-types.js";

/** What one engine holds across calls: its options, ports and the per-policy caches. */
export interface EngineContext {
  readonly options: EngineOptions;
  readonly deps: EngineDeps;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: IdempotencyStore;
  readonly contextual: ContextualEvaluatorAdapter | undefined;
  /** Pinned tool definitions (rug-pull detection). */
  readonly definitions: ToolDefinitionTracker;
  /** The last listed definition of each `server\0tool`, for calls that do not carry one. */
  readonly definitionsByTool: Map<string, ToolDefinition>;
  /** Tool-poisoning scans of definitions, cached per definition. */
  readonly toolScans: ToolDefinitionScanner;
  /** Poisoned listings already recorded (`policy\0toolRef\0hash`), so each is recorded once. */
  readonly poisoningRecorded: Set<string>;
  /** The Agent Guard of a compiled policy with the `agentGuard` option merged in (cached). */
  guardFor(compiled: CompiledPolicy): EffectiveAgentGuard;
  /** The circuit breaker of a policy (cached), or `undefined` when the policy has none. */
  breakerFor(snapshot: PolicySnapshot): CircuitBreaker | undefined;
  /** The scan manager of the `sast` / `dast` / `skills` hooks, made at the first scan. */
  scans(): ScanManager;
  /** Waits for scans in flight and their results' write (nothing when no scan ever ran). */
  flushScans(): Promise<void>;
}

/**
 * Builds the engine's long-lived state once, so that a call only reads it.
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unusable contextual evaluator configuration.
 */
export function createEngineContext(options: EngineOptions, deps: EngineDeps): EngineContext {
  const clock = options.clock ?? systemClock;
  const breakers = new WeakMap<object, CircuitBreaker>();
  let scans: ScanManager | undefined;
  const context: EngineContext = {
    options,
    deps,
    clock,
    logger: options.logger ?? silentLogger,
    store: options.adapters?.idempotencyStore ?? createMemoryIdempotencyStore({ clock }),
    contextual: resolveContextualAdapter(options.contextualEvaluator),
    definitions: createToolDefinitionTracker(),
    definitionsByTool: new Map(),
    toolScans: createToolDefinitionScanner(),
    poisoningRecorded: new Set(),
    guardFor: createGuardCache(options.agentGuard),
    breakerFor(snapshot) {
      if (snapshot.policy.enforcement?.circuit_breakers === undefined) return undefined;
      let breaker = breakers.get(snapshot.compiled);
      if (breaker === undefined) {
        const config = snapshot.compiled.circuitBreakers;
        breaker = createCircuitBreaker(
          {
            error_rate_pct: config.errorRatePct,
            p95_latency_ms: config.p95LatencyMs,
            min_samples: config.minSamples,
            window: config.window,
            cooldown_ms: config.cooldownMs,
          },
          { clock },
        );
        breakers.set(snapshot.compiled, breaker);
      }
      return breaker;
    },
    scans() {
      scans ??= createScanManager({
        runners: options.adapters?.scanRunners ?? {},
        ...(options.adapters?.scanStore === undefined ? {} : { store: options.adapters.scanStore }),
        clock,
        logger: context.logger,
        onScanned: (target, record) => void recordScan(context, target, record),
      });
      return scans;
    },
    flushScans: async () => {
      await scans?.flush();
    },
  };
  return context;
}
