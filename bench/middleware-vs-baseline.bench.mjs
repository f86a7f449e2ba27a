// The governed call path of this tree against another checkout's (a baseline, e.g. main before a
// refactor), measured in the same process and alternated round by round, so both see the same
// machine. Set SEC0_BENCH_BASELINE to a checkout whose packages are built (`pnpm build`):
//
//   git worktree add /tmp/sec0-main main && (cd /tmp/sec0-main && pnpm install && pnpm build)
//   SEC0_BENCH_BASELINE=/tmp/sec0-main pnpm bench middleware-vs-baseline
//
// Rows: calls/s with 64 calls in flight (durability batch, every record signed), and the median
// latency of one call at a time (durability none). Each is the median of five alternated rounds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { measure, pinToOneCpu, printTable } from "./harness.mjs";

const baselineDir = process.env.SEC0_BENCH_BASELINE;
if (baselineDir === undefined || baselineDir === "") {
  console.log(
    "skipped: set SEC0_BENCH_BASELINE to a built checkout to compare against (see the file's header)",
  );
  process.exit(0);
}

pinToOneCpu();
const load = async (root) => ({
  audit: await import(join(root, "packages/audit/dist/index.js")),
  middleware: await import(join(root, "packages/middleware/dist/index.js")),
  policy: await import(join(root, "packages/policy/dist/index.js")),
  signer: await import(join(root, "packages/signer/dist/index.js")),
});
const trees = { "this tree": await load(process.cwd()), baseline: await load(resolve(baselineDir)) };

const policy = {
  tenant: "bench",
  tools: { allowlist: ["mcp://bench/*"] },
  enforcement: { deny_on: ["tool_not_in_allowlist", "agent_guard_failed"] },
  agent_guard: { enabled: true, block_on_severity: "high" },
};
const text = "Following up on Tuesday's renewal call: 65 seats from October 1, split invoice, SSO via Okta. "
  .repeat(12)
  .slice(0, 1024);
const call = {
  server: { name: "bench", version: "1.0.0" },
  tool: "lookup",
  version: "1.0.0",
  args: { query: text },
};
const output = { content: [{ type: "text", text }] };
const execute = async () => output;
const dirs = [];

function governor(tree, durability) {
  const dir = mkdtempSync(join(tmpdir(), "sec0-bench-base-"));
  dirs.push(dir);
  const signer = tree.signer.LocalDevSigner.fromSeed(new Uint8Array(32).fill(7));
  const sink = new tree.audit.Sec0Appender({ config: { dir, durability, checkpointEvery: 1000 }, signer });
  const g = tree.middleware.createToolGovernor(
    { policy, telemetry: { enabled: false } },
    { policySource: tree.policy.createInlinePolicySource(policy), auditSink: sink },
  );
  return { g, sink };
}

async function throughput(tree) {
  const { g, sink } = governor(tree, "batch");
  const waves = async (count) => {
    for (let i = 0; i < count; i += 64)
      await Promise.all(Array.from({ length: 64 }, () => g.govern(call, execute)));
  };
  await waves(1024);
  await sink.flush();
  let busyMs = 0;
  let done = 0;
  while (busyMs < 1500) {
    const t0 = performance.now();
    await waves(512);
    await sink.flush();
    busyMs += performance.now() - t0;
    done += 512;
  }
  await g.close();
  return done / (busyMs / 1000);
}

async function latency(tree) {
  const { g } = governor(tree, "none");
  const result = await measure(() => g.govern(call, execute), { ms: 1000 });
  await g.close();
  return result.medianUs;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { "this tree": { rps: [], us: [] }, baseline: { rps: [], us: [] } };
for (let round = 0; round < 5; round++) {
  // Alternate which tree goes first, so neither always runs on a warmer or cooler machine.
  const order = round % 2 === 0 ? ["this tree", "baseline"] : ["baseline", "this tree"];
  for (const name of order) {
    results[name].rps.push(await throughput(trees[name]));
    results[name].us.push(await latency(trees[name]));
  }
}
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

const mine = results["this tree"];
const base = results.baseline;
printTable(
  ["tree", "calls/s, 64 in flight (median of 5)", "rounds", "median µs per call (median of 5)", "rounds"],
  [mine, base].map((r, i) => [
    i === 0 ? "this tree" : `baseline (${baselineDir})`,
    median(r.rps),
    r.rps.map((v) => Math.round(v)).join(" / "),
    median(r.us),
    r.us.map((v) => Math.round(v)).join(" / "),
  ]),
);
console.log(
  `\nthis tree / baseline: throughput ${(median(mine.rps) / median(base.rps)).toFixed(3)}, median latency ${(median(mine.us) / median(base.us)).toFixed(3)} (raw figures of this machine)`,
);
