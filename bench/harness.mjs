// Tiny measuring helpers shared by the benchmarks. Bounded by time and count; never a test.
import { performance } from "node:perf_hooks";

/**
 * Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns per-operation
 * timings: ops/s, median and p99 in microseconds.
 */
export async function measure(fn, { ms = 1500, warmup = 200, maxOps = 2_000_000 } = {}) {
  const warmEnd = performance.now() + warmup;
  while (performance.now() < warmEnd) await fn();
  const samples = [];
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end && samples.length < maxOps) {
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
