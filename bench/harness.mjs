// Tiny measuring helpers shared by the benchmarks. Bounded by time and count; never a test.
import { createHash, sign } from "node:crypto";
import { performance } from "node:perf_hooks";
import { canonicalize } from "../packages/core/dist/index.js";
// The signer's own PKCS#8 wrapping of a seed (not part of its public API).
import { createPrivateKeyObject } from "../packages/signer/dist/ed25519-key-objects.js";

/** The ~1 KB canonical audit envelope the signing figures of docs/performance.md are about. */
export const REFERENCE_ENVELOPE = {
  ts: "2026-01-01T00:00:00.000Z",
  tenant: "acme",
  server: "files",
  tool: "read_file@1.0",
  decision: "allow",
  trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
  span_id: "00f067aa0ba902b7",
  input_sha256: "a".repeat(64),
  output_sha256: "b".repeat(64),
  reasons: [],
  args_excerpt: "x".repeat(560),
  node_id: "agent-1",
  seq: 42,
  prev_hash: "c".repeat(64),
};
export const REFERENCE_SEED = new Uint8Array(createHash("sha256").update("sec0-bench").digest());

/**
 * node:crypto Ed25519 sign of {@link REFERENCE_ENVELOPE} on the machine the performance
 * targets of docs/performance.md were set on ("a 2-core machine like CI's"). Shared cloud cores here have run from
 * about 1× to 5× slower than that within one session, so a throughput target is checked against
 * this same operation timed in the same run, interleaved with the measurement (ADR 0007).
 */
export const REFERENCE_SIGN_US = 37;

/**
 * Times `count` signatures of the reference envelope; returns the mean in microseconds. Called
 * between slices of a measurement, so that both see the same machine speed.
 */
export function createMachineGauge() {
  // node:crypto itself, not @sec0/signer (which signs with libsodium where it can): the reference
  // figure is node:crypto's.
  const key = createPrivateKeyObject(REFERENCE_SEED);
  const data = new TextEncoder().encode(canonicalize(REFERENCE_ENVELOPE));
  const means = [];
  return {
    sample(count = 64) {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) sign(null, data, key);
      means.push(((performance.now() - t0) * 1000) / count);
    },
    /**
     * Median over the samples of their mean sign time (µs): robust to a GC pause of the measured
     * code landing inside one sample.
     */
    get signUs() {
      const sorted = [...means].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    },
    /** Multiplies a rate measured here into the rate on the reference machine. */
    get toReference() {
      return this.signUs / REFERENCE_SIGN_US;
    },
  };
}

/**
 * Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns per-operation
 * timings: ops/s, median and p99 in microseconds.
 */
export async function measure(fn, { ms = 1500, warmup = 200, maxOps = 2_000_000, gauge } = {}) {
  const warmEnd = performance.now() + warmup;
  while (performance.now() < warmEnd) await fn();
  const samples = [];
  // With a gauge, every 50 ms of measuring is followed by a gauge sample (not counted in `total`).
  let total = 0;
  let sliceStart = performance.now();
  while (total + (performance.now() - sliceStart) < ms && samples.length < maxOps) {
    const t0 = performance.now();
    await fn();
    const t1 = performance.now();
    samples.push(t1 - t0);
    if (gauge !== undefined && t1 - sliceStart >= 50) {
      total += t1 - sliceStart;
      gauge.sample(16);
      sliceStart = performance.now();
    }
  }
  total += performance.now() - sliceStart;
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] * 1000;
  return {
    ops: samples.length,
    opsPerSec: (samples.length / total) * 1000,
    medianUs: at(0.5),
    p99Us: at(0.99),
  };
}

/** Prints rows as a markdown table. */
export function printTable(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  console.log(line(headers));
  console.log(line(headers.map(() => "---")));
  for (const row of rows)
    console.log(line(row.map((cell) => (typeof cell === "number" ? format(cell) : cell))));
}

function format(n) {
  if (n >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(n >= 10 ? 1 : 2);
}
