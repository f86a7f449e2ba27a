// The added cost of a decorated hop (`sec0.wrap.agent`, the same code path as `@sec0.agent()`):
// a trivial async method, bare (the baseline, measured in the same run), decorated with audit off
// (a no-op sink), and decorated with the signed audit appender (per_record, the default, and
// checkpoint signing). The appender rows include flushing what the measured calls queued, so the
// disk and the signatures are paid for. One core (taskset); SEC0_BENCH_ROUNDS (5) rounds of
// about SEC0_BENCH_MS (1000) ms a row, each round measuring the baseline again; reported: the
// median round's added µs and the spread (min–max) over rounds. Target: ≤ 30 µs added per hop
// with audit on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Sec0Appender } from "../packages/audit/dist/index.js";
import {
  closeHopAudit,
  flushHopAudit,
  initializeSec0App,
  sec0,
} from "../packages/instrumentation/dist/index.js";
import { LocalDevSigner } from "../packages/signer/dist/index.js";
import { formatSpread, measure, pinToOneCpu, printTable, REFERENCE_SEED, spread } from "./harness.mjs";

const cpu = pinToOneCpu();
const MS = Number(process.env.SEC0_BENCH_MS ?? 1000);
const ROUNDS = Number(process.env.SEC0_BENCH_ROUNDS ?? 5);
const TARGET_US = 30;
const dir = mkdtempSync(join(tmpdir(), "sec0-bench-hops-"));
mkdirSync(join(dir, ".sec0", "keys"), { recursive: true });
writeFileSync(
  join(dir, ".sec0", "keys", "ed25519.key"),
  `${Buffer.from(REFERENCE_SEED).toString("base64")}\n`,
  { mode: 0o600 },
);
process.env.SEC0_SIGNER_KEY_DIRS = join(dir, ".sec0", "keys");
initializeSec0App(
  {
    app: {
      tenant: "bench",
      environment: "dev",
      client: { name: "bench", version: "1.0.0" },
      hops: {
        "OrderAgent.run": {
          type: "agent",
          nodeId: "order-agent",
          agentName: "order-agent",
          agentVersion: "1.0.0",
        },
      },
    },
    controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/ed25519.key", appenderDir: ".sec0/audit" },
  },
  { cwd: dir, env: process.env },
);

const input = {
  orderId: "o-1",
  items: [
    { sku: "a-1", qty: 2 },
    { sku: "b-7", qty: 1 },
  ],
};
const bare = async (_ctx, order) => ({ ok: true, id: order.orderId });
const noop = { append: async () => {} };
const checkpoint = new Sec0Appender({
  config: { dir: join(dir, "checkpoint"), signing: "checkpoint" },
  signer: LocalDevSigner.fromSeed(REFERENCE_SEED),
});
const variants = {
  "decorated, audit off (no-op sink)": sec0.wrap.agent("OrderAgent.run", bare, { auditSink: noop }),
  "decorated, signed audit (per_record, the default)": sec0.wrap.agent("OrderAgent.run", bare),
  "decorated, signed audit (checkpoint)": sec0.wrap.agent("OrderAgent.run", bare, { auditSink: checkpoint }),
};

/** µs per call including the flush of what the measured calls queued. */
async function usPerCall(fn) {
  const r = await measure(fn, { ms: MS });
  const t0 = performance.now();
  await flushHopAudit();
  await checkpoint.flush();
  const flushMs = performance.now() - t0;
  return { us: (((r.ops / r.opsPerSec) * 1000 + flushMs) * 1000) / r.ops, medianUs: r.medianUs };
}

const baseUs = [];
const rounds = new Map(Object.keys(variants).map((name) => [name, { added: [], us: [], median: [] }]));
for (let round = 0; round < ROUNDS; round += 1) {
  const base = (await usPerCall(() => bare({}, input))).us;
  baseUs.push(base);
  for (const [name, fn] of Object.entries(variants)) {
    const r = await usPerCall(() => fn({}, input));
    const row = rounds.get(name);
    row.added.push(r.us - base);
    row.us.push(r.us);
    row.median.push(r.medianUs);
  }
}
const rows = [["bare async method (baseline)", formatSpread(baseUs), "", ""]];
for (const [name, row] of rounds) {
  const added = spread(row.added).median;
  rows.push([
    name,
    formatSpread(row.us),
    formatSpread(row.added),
    name.includes("audit off") ? "" : `≤ ${TARGET_US} µs: ${added <= TARGET_US ? "met" : "MISSED"}`,
  ]);
}
printTable(["case", "µs per call (incl. flush)", "added µs", "target"], rows);
console.log(
  `\nMedian round (min–max) over ${ROUNDS} rounds of ${MS} ms a row, one call at a time; ${
    cpu === undefined ? "not pinned (no taskset)" : `pinned to CPU ${cpu} with taskset`
  }.`,
);
await closeHopAudit();
await checkpoint.close();
rmSync(dir, { recursive: true, force: true });
