// The added cost of a decorated hop (`sec0.wrap.agent`, the same code path as `@sec0.agent()`):
// a trivial async method, bare (the baseline, measured in the same run), decorated with audit off
// (a no-op sink), and decorated with the signed audit appender (per_record, the default, and
// checkpoint signing). The appender rows include flushing what the measured calls queued, so the
// disk and the signatures are paid for. One core (taskset), about SEC0_BENCH_MS (1500) ms a row.
// Target: ≤ 30 µs added per hop with audit on.
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
import { measure, pinToOneCpu, printTable, REFERENCE_SEED } from "./harness.mjs";

const cpu = pinToOneCpu();
const MS = Number(process.env.SEC0_BENCH_MS ?? 1500);
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

const base = await measure(() => bare({}, input), { ms: MS });
const rows = [["bare async method (baseline)", base.opsPerSec, 1e6 / base.opsPerSec, base.medianUs, "", ""]];
for (const [name, fn] of Object.entries(variants)) {
  const r = await measure(() => fn({}, input), { ms: MS });
  const t0 = performance.now();
  await flushHopAudit();
  await checkpoint.flush();
  const flushMs = performance.now() - t0;
  const usPerCall = (((r.ops / r.opsPerSec) * 1000 + flushMs) * 1000) / r.ops;
  const added = usPerCall - 1e6 / base.opsPerSec;
  rows.push([
    name,
    1e6 / usPerCall,
    usPerCall,
    r.medianUs,
    added,
    name.includes("audit off") ? "" : `≤ ${TARGET_US} µs: ${added <= TARGET_US ? "met" : "MISSED"}`,
  ]);
}
printTable(["case", "calls/s", "µs per call (incl. flush)", "median µs", "added µs", "target"], rows);
console.log(
  `\nOne core (${cpu === undefined ? "not pinned" : `cpu ${cpu}`}), ${MS} ms per row, one call at a time.`,
);
await closeHopAudit();
await checkpoint.close();
rmSync(dir, { recursive: true, force: true });
