// Tiny measuring helpers shared by the benchmarks. Bounded by time and count; never a test.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

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
 * Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns per-operation
 * timings: ops/s, median and p99 in microseconds.
 */
export async function measure(fn, { ms = 1500, warmup = 200, maxOps = 2_000_000 } = {}) {
  const warmEnd = performance.now() + warmup;
  while (performance.now() < warmEnd) await fn();
  const samples = [];
  const start = performance.now();
  while (performance.now() - start < ms && samples.length < maxOps) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
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

/**
 * Re-runs the current benchmark pinned to one CPU with `taskset` (its child processes inherit the
 * pin), so that the governed path and its baseline share one core the way they do on a busy host.
 * Returns the CPU the process runs on, or `undefined` where `taskset` is missing (the table then
 * says "not pinned"). Call it first, at the top level: in the parent it never returns.
 */
export function pinToOneCpu() {
  if (process.env.SEC0_BENCH_CPU !== undefined) return process.env.SEC0_BENCH_CPU;
  const cpu = String(Math.max(0, availableParallelism() - 1));
  const result = spawnSync(
    "taskset",
    ["-c", cpu, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: "inherit",
      env: { ...process.env, SEC0_BENCH_CPU: cpu },
    },
  );
  if (result.error !== undefined) return undefined;
  process.exit(result.status ?? 1);
}

/** The median of `values` (numbers), and their smallest and largest. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** `median (min–max)` of `values`, formatted like the table cells. */
export function formatSpread(values) {
  const { median, min, max } = spread(values);
  return `${format(median)} (${format(min)}–${format(max)})`;
}

/**
 * Keeps `limit` calls of `fn` in flight until `count` have completed; returns calls per second.
 */
export async function throughput(fn, { count, limit }) {
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < count) {
      started += 1;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return (count / (performance.now() - t0)) * 1000;
}

/** Imports a module of the MCP SDK (and zod) as the middleware package resolves them. */
export function mcpSdk() {
  const require = createRequire(join(process.cwd(), "packages/middleware/package.json"));
  return {
    sdk: (path) => import(require.resolve(`@modelcontextprotocol/sdk/${path}`)),
    zod: () => import(require.resolve("zod")),
  };
}
