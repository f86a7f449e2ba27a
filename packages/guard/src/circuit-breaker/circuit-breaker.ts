import { type Clock, Sec0Error, systemClock } from "@sec0/core";

/**
 * The `enforcement.circuit_breakers` block of a policy, as written (snake_case). Absent fields take
 * the defaults in {@link CIRCUIT_BREAKER_DEFAULTS}.
 */
export interface CircuitBreakerConfig {
  /** Trip when at least this share (0–100) of the window failed, with at least one failure. */
  readonly error_rate_pct?: number;
  /** Trip when the window's p95 latency reaches this many ms; 0 disables the latency trip. */
  readonly p95_latency_ms?: number;
  /** Calls needed in the window before the breaker may trip. */
  readonly min_samples?: number;
  /** Number of most recent calls per tool the breaker looks at. */
  readonly window?: number;
  /** How long an open breaker stays open before one trial call is let through. */
  readonly cooldown_ms?: number;
}

/** Defaults of {@link CircuitBreakerConfig} (the same as `@sec0/policy`'s `POLICY_DEFAULTS`). */
export const CIRCUIT_BREAKER_DEFAULTS = Object.freeze({
  error_rate_pct: 100,
  p95_latency_ms: 0,
  min_samples: 20,
  window: 100,
  cooldown_ms: 30_000,
});

/** Breakers kept at most; beyond it the least recently created closed breaker is dropped. */
const MAX_TOOLS = 10_000;

/** State of one tool's breaker. */
export type CircuitState = "closed" | "open" | "half-open";

/** Answer of {@link CircuitBreaker.check}. */
export type CircuitCheck =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

/** Outcome of one call, fed to {@link CircuitBreaker.record}. */
export interface CallOutcome {
  readonly ok: boolean;
  readonly latencyMs: number;
}

/** What a breaker currently sees for one tool (for span attributes and audit records). */
export interface CircuitSnapshot {
  readonly state: CircuitState;
  readonly samples: number;
  readonly errorRatePct: number;
  readonly p95LatencyMs: number;
}

/** Per-tool circuit breakers: closed → open → half-open (one trial call) → closed or open again. */
export interface CircuitBreaker {
  /** Whether a call to `toolKey` may run now. A refused call must not be recorded. */
  check(toolKey: string): CircuitCheck;
  /** Records the outcome of a call that `check` allowed. */
  record(toolKey: string, outcome: CallOutcome): void;
  /** The current view of one tool's breaker. */
  inspect(toolKey: string): CircuitSnapshot;
}

interface ToolCircuit {
  state: CircuitState;
  /** Ring buffer of the last `window` outcomes. */
  readonly oks: boolean[];
  readonly latencies: number[];
  next: number;
  openedAt: number;
  trialStartedAt: number | undefined;
}

/**
 * Creates per-tool circuit breakers from a policy's `enforcement.circuit_breakers`. Once the window
 * holds `min_samples` calls, an error rate at or above `error_rate_pct` (with at least one error) or
 * a p95 latency at or above `p95_latency_ms` opens the breaker; after `cooldown_ms` one trial call
 * runs (half-open): success closes it with a fresh window, failure opens it again.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for a negative, non-finite or out-of-range field.
 * @example
 * const breaker = createCircuitBreaker({ error_rate_pct: 50 }, { clock: systemClock });
 * if (breaker.check("write@1.0").allowed) breaker.record("write@1.0", { ok: true, latencyMs: 12 });
 */
export function createCircuitBreaker(
  config: CircuitBreakerConfig = {},
  deps: { readonly clock?: Clock } = {},
): CircuitBreaker {
  const settings = resolveConfig(config);
  const clock = deps.clock ?? systemClock;
  const circuits = new Map<string, ToolCircuit>();

  const circuitOf = (toolKey: string): ToolCircuit => {
    let circuit = circuits.get(toolKey);
    if (circuit === undefined) {
      if (circuits.size >= MAX_TOOLS) evictOneClosed(circuits);
      circuit = { state: "closed", oks: [], latencies: [], next: 0, openedAt: 0, trialStartedAt: undefined };
      circuits.set(toolKey, circuit);
    }
    return circuit;
  };

  return {
    check(toolKey) {
      const circuit = circuits.get(toolKey);
      if (circuit === undefined || circuit.state === "closed") return { allowed: true };
      const now = clock.now();
      if (circuit.state === "open") {
        const reopensAt = circuit.openedAt + settings.cooldownMs;
        if (now < reopensAt) return { allowed: false, retryAfterMs: reopensAt - now };
        circuit.state = "half-open";
        circuit.trialStartedAt = now;
        return { allowed: true };
      }
      // Half-open with a trial out. A trial that never reports back (lost call) must not wedge the
      // breaker, so after another cooldown a new trial is let through.
      const trialExpiresAt = (circuit.trialStartedAt ?? now) + settings.cooldownMs;
      if (now < trialExpiresAt) return { allowed: false, retryAfterMs: trialExpiresAt - now };
      circuit.trialStartedAt = now;
      return { allowed: true };
    },

    record(toolKey, outcome) {
      const circuit = circuitOf(toolKey);
      if (circuit.state === "open") return; // a call that started before the breaker opened
      if (circuit.state === "half-open") {
        if (outcome.ok) resetClosed(circuit);
        else reopen(circuit, clock.now());
        return;
      }
      push(circuit, outcome, settings.window);
      if (shouldTrip(circuit, settings)) reopen(circuit, clock.now());
    },

    inspect(toolKey) {
      const circuit = circuits.get(toolKey);
      if (circuit === undefined) return { state: "closed", samples: 0, errorRatePct: 0, p95LatencyMs: 0 };
      return {
        state: circuit.state,
        samples: circuit.oks.length,
        errorRatePct: errorRatePct(circuit),
        p95LatencyMs: p95(circuit.latencies),
      };
    },
  };
}

/**
 * The 95th percentile by the nearest-rank method: the value at rank ⌈0.95·n⌉ of the sorted list
 * (0.2.3 used ⌊0.95·n⌋ − 1, one rank low whenever 0.95·n is not whole). 0 for an empty list.
 *
 * @example
 * percentile95([5, 1, 3]); // 5
 */
export function percentile95(values: readonly number[]): number {
  return p95(values);
}

interface Settings {
  readonly errorRatePct: number;
  readonly p95LatencyMs: number;
  readonly minSamples: number;
  readonly window: number;
  readonly cooldownMs: number;
}

function resolveConfig(config: CircuitBreakerConfig): Settings {
  const field = (name: keyof CircuitBreakerConfig, min: number, max: number): number => {
    const value = config[name] ?? CIRCUIT_BREAKER_DEFAULTS[name];
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      throw new Sec0Error(
        "GUARD_CONFIG_INVALID",
        `enforcement.circuit_breakers.${name} must be a number from ${min} to ${max}; got ${String(value)}.`,
        { details: { field: `enforcement.circuit_breakers.${name}` } },
      );
    }
    return value;
  };
  const window = Math.floor(field("window", 1, 100_000));
  return {
    errorRatePct: field("error_rate_pct", 0, 100),
    p95LatencyMs: field("p95_latency_ms", 0, Number.MAX_SAFE_INTEGER),
    // More samples than the window can hold would never trip.
    minSamples: Math.min(Math.max(1, Math.floor(field("min_samples", 1, Number.MAX_SAFE_INTEGER))), window),
    window,
    cooldownMs: field("cooldown_ms", 0, Number.MAX_SAFE_INTEGER),
  };
}

function push(circuit: ToolCircuit, outcome: CallOutcome, window: number): void {
  const latency = Number.isFinite(outcome.latencyMs) && outcome.latencyMs > 0 ? outcome.latencyMs : 0;
  if (circuit.oks.length < window) {
    circuit.oks.push(outcome.ok);
    circuit.latencies.push(latency);
    return;
  }
  circuit.oks[circuit.next] = outcome.ok;
  circuit.latencies[circuit.next] = latency;
  circuit.next = (circuit.next + 1) % window;
}

function shouldTrip(circuit: ToolCircuit, settings: Settings): boolean {
  if (circuit.oks.length < settings.minSamples) return false;
  const errors = circuit.oks.filter((ok) => !ok).length;
  if (errors > 0 && errorRatePct(circuit) >= settings.errorRatePct) return true;
  return settings.p95LatencyMs > 0 && p95(circuit.latencies) >= settings.p95LatencyMs;
}

function errorRatePct(circuit: ToolCircuit): number {
  if (circuit.oks.length === 0) return 0;
  return (circuit.oks.filter((ok) => !ok).length * 100) / circuit.oks.length;
}

function p95(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // Integer arithmetic: 0.95 * n in floating point can land just above a whole rank.
  return sorted[Math.ceil((sorted.length * 95) / 100) - 1] ?? 0;
}

function reopen(circuit: ToolCircuit, now: number): void {
  circuit.state = "open";
  circuit.openedAt = now;
  circuit.trialStartedAt = undefined;
}

function resetClosed(circuit: ToolCircuit): void {
  circuit.state = "closed";
  circuit.oks.length = 0;
  circuit.latencies.length = 0;
  circuit.next = 0;
  circuit.trialStartedAt = undefined;
}

function evictOneClosed(circuits: Map<string, ToolCircuit>): void {
  for (const [key, circuit] of circuits) {
    if (circuit.state === "closed") {
      circuits.delete(key);
      return;
    }
  }
  const first = circuits.keys().next();
  if (first.done !== true) circuits.delete(first.value);
}
