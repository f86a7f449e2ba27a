// `guard.check` of the app-level guard (`createSec0Guard`) per second on one core, against
// baselines measured in the same run:
//   (a) inline rules: 20 rules, the match is the last one, a message_outbound; baseline: a bare
//       async function doing an equivalent object allocation and a Map lookup;
//   (b) a full policy with Agent Guard on (default detectors, block_on_severity high) over ~1 KB of
//       English text; baseline: a bare `createAgentGuard(...).scanOutput(text)` of @sec0/evaluator.
// Each with a no-op audit sink and with a real signed Sec0Appender (signing checkpoint and
// per_record, durability batch) in a temporary directory; the appender rows include the time to
// flush what the measured checks queued. Bounded: about SEC0_BENCH_MS (default 1500) ms per row.
// Imports the built packages: build guard (and its dependencies) first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createAgentGuard } from "../packages/evaluator/dist/index.js";
import { createSec0Guard } from "../packages/guard/dist/index.js";
import { LocalDevSigner } from "../packages/signer/dist/index.js";
import { measure, pinToOneCpu, printTable, REFERENCE_SEED } from "./harness.mjs";

const cpu = pinToOneCpu();
const MS = Number(process.env.SEC0_BENCH_MS ?? 1500);
const TARGETS = { rules: 200_000, full: 10_000 };

// (a) 20 inline rules; only the last one matches the input.
const rulesPolicy = {
  defaultOutcome: "block",
  rules: [
    ...Array.from({ length: 19 }, (_, i) => ({
      id: `r${i}`,
      kind: "message_outbound",
      target: `discord:channel-${i}`,
      outcome: "block",
    })),
    { id: "r19", kind: "message_outbound", target: "slack:*", outcome: "allow" },
  ],
};
const rulesInput = {
  kind: "message_outbound",
  target: "slack:ops",
  content: "The weekly report is ready.",
  context: { nodeId: "reporter", runId: "run-1", tags: ["weekly"] },
};

// (b) a full policy with Agent Guard's default detectors.
const fullPolicy = {
  tenant: "bench",
  tools: { allowlist: [] },
  enforcement: { deny_on: ["agent_guard_failed"] },
  agent_guard: { enabled: true, block_on_severity: "high" },
};
const text = "Following up on Tuesday's renewal call: 65 seats from October 1, split invoice, SSO via Okta. "
  .repeat(12)
  .slice(0, 1024);
const fullInput = {
  kind: "message_outbound",
  target: "email:customer",
  content: text,
  context: { nodeId: "writer", runId: "run-1" },
};

const signer = LocalDevSigner.fromSeed(REFERENCE_SEED);
const dirs = [];
const sinks = {
  "no-op sink": () => ({ sink: { append: async () => {} } }),
  "Sec0Appender, signing checkpoint": () => appenderAudit("checkpoint"),
  "Sec0Appender, signing per_record": () => appenderAudit("per_record"),
};

function appenderAudit(signing) {
  const dir = mkdtempSync(join(tmpdir(), "sec0-bench-guard-"));
  dirs.push(dir);
  return { dir, signer, signing };
}

const expectAllow = (decision) => {
  if (decision.outcome !== "allow")
    throw new Error(`expected allow, got ${decision.outcome} (${decision.reason})`);
};

/** Measures `guard.check(input)`; with an appender, the flush of the measured records counts too. */
async function measureGuard(policy, input, audit) {
  const guard = createSec0Guard({ provider: { local: { policy } }, audit, escalation: { enabled: false } });
  const check = async () => expectAllow(await guard.check(input));
  const warmEnd = performance.now() + 200;
  while (performance.now() < warmEnd) await check();
  await guard.close().catch(() => {}); // flushes the warm-up; a new guard measures
  const measured = createSec0Guard({
    provider: { local: { policy } },
    audit,
    escalation: { enabled: false },
  });
  const r = await measure(async () => expectAllow(await measured.check(input)), { ms: MS, warmup: 0 });
  const t0 = performance.now();
  await measured.close();
  const flushMs = performance.now() - t0;
  const busyMs = (r.ops / r.opsPerSec) * 1000 + flushMs;
  return { ...r, opsPerSec: (r.ops / busyMs) * 1000, flushMs };
}

const rows = [];
const row = (name, r, baseline, target) => {
  const usPerCheck = 1e6 / r.opsPerSec;
  rows.push([
    name,
    r.opsPerSec,
    usPerCheck,
    r.medianUs,
    r.p99Us,
    baseline === undefined ? "1×" : `${(baseline.opsPerSec / r.opsPerSec).toFixed(1)}×`,
    target === undefined
      ? ""
      : `≥ ${target.toLocaleString("en-US")}/s: ${r.opsPerSec >= target ? "met" : "MISSED"}`,
  ]);
};

// Baseline (a): an object like a decision, and a Map lookup by target.
const table = new Map(rulesPolicy.rules.map((rule, i) => [rule.target, { index: i, outcome: rule.outcome }]));
const bareRules = async (input) => {
  const decision = { outcome: "allow", kind: input.kind, target: input.target, reasons: [] };
  return table.get(input.target) ?? decision;
};
const baseRules = await measure(() => bareRules(rulesInput), { ms: MS });
row("(a) baseline: async fn, object + Map lookup", baseRules);
for (const [name, audit] of Object.entries(sinks)) {
  row(
    `(a) inline rules (20, match last), ${name}`,
    await measureGuard(rulesPolicy, rulesInput, audit()),
    baseRules,
    TARGETS.rules,
  );
}

// Baseline (b): Agent Guard alone, with the settings the policy resolves to.
const agentGuard = createAgentGuard({ enabled: true, block_on_severity: "high" });
const scanned = agentGuard.scanOutput(text);
if (scanned.decision !== "allow") throw new Error("the bench text must pass Agent Guard");
const baseFull = await measure(() => agentGuard.scanOutput(text), { ms: MS });
row("(b) baseline: createAgentGuard().scanOutput(1 KB)", baseFull);
for (const [name, audit] of Object.entries(sinks)) {
  row(
    `(b) full policy + Agent Guard (1 KB), ${name}`,
    await measureGuard(fullPolicy, fullInput, audit()),
    baseFull,
    TARGETS.full,
  );
}

printTable(["case", "checks/s", "µs per check", "median µs", "p99 µs", "× baseline time", "target"], rows);
console.log(
  `\nOne core (${cpu === undefined ? "not pinned" : `cpu ${cpu}`}), ${MS} ms per row, one check at a time; ` +
    "appender rows include flushing the records the measured checks queued.",
);
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
