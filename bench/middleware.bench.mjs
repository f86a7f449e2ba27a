// What the sec0 middleware adds to a tool call, against the same call without it, measured in the
// same run and pinned to one CPU. Two views:
//  - MCP in process: an official-SDK McpServer + Client over InMemoryTransport, bare vs wrapped
//    with sec0SecurityMiddleware (what a user of the middleware sees);
//  - governor: `governor.govern(call, execute)` vs calling `execute` directly (the pipeline alone).
// 1 KB of arguments in, the tool answers 1 KB. Each round measures every path in turn (one call
// at a time); reported: the median round's median latency and the spread (min–max) over rounds.
// The audit log is a real Sec0Appender (durability batch, the default) in a temporary directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Sec0Appender } from "../packages/audit/dist/index.js";
import { createMemoryScanStore } from "../packages/guard/dist/index.js";
import { createToolGovernor, sec0SecurityMiddleware } from "../packages/middleware/dist/index.js";
import { createInlinePolicySource } from "../packages/policy/dist/index.js";
import { LocalDevSigner } from "../packages/signer/dist/index.js";
import { formatSpread, mcpSdk, measure, pinToOneCpu, printTable, spread, throughput } from "./harness.mjs";

const cpu = pinToOneCpu();
const ROUNDS = Number(process.env.SEC0_BENCH_ROUNDS ?? 5);
const { sdk, zod } = mcpSdk();
const { McpServer } = await sdk("server/mcp.js");
const { Client } = await sdk("client/index.js");
const { InMemoryTransport } = await sdk("inMemory.js");
const { z } = await zod();

const basePolicy = {
  tenant: "bench",
  tools: { allowlist: ["mcp://bench/*"] },
  enforcement: { deny_on: ["tool_not_in_allowlist", "agent_guard_failed"] },
};
const withAgentGuard = { ...basePolicy, agent_guard: { enabled: true, block_on_severity: "high" } };
// The SAST hook on, the tool's code unchanged since its (passing) scan: what the hook costs a call.
const withSast = { ...basePolicy, sast: { enabled: true, mode: "sync" } };
const withScans = { ...withSast, dast: { enabled: true, mode: "sync", rule_ttl: "10m" } };
// The DAST row's scanners pass at once: only the unchanged path (a stored result per hook) is timed.
const passing = async (target) => ({
  kind: target.kind,
  status: "pass",
  findings: [],
  scanner: "bench",
  evidenceSha256: "0".repeat(64),
  durationMs: 0,
});
// ~1 KB of ordinary, varied text in and out (an e-mail thread summary): what most tool calls carry.
const kb = [
  "Hi Dana, following up on Tuesday's call about the Q3 renewal for Northwind Traders.",
  "They want to move from 40 to 65 seats starting October 1 and asked whether the annual",
  "prepayment discount (8%) still applies if they split the invoice across two cost centers.",
  "Finance says yes as long as both POs reference contract NW-2291 and arrive before the 15th.",
  "Open items: (1) confirm SSO setup with their IT lead, Marcus, who prefers Okta over Azure AD;",
  "(2) send the updated order form with the new seat count and the revised support tier;",
  "(3) check whether the sandbox environment can be extended for another 30 days while they",
  "migrate historical tickets. Marcus mentioned roughly 120k tickets, mostly from 2021-2023,",
  "and asked if attachments over 25 MB will be kept. Legal reviewed the DPA changes last week",
  "and had no objections to the sub-processor list. Next sync is Thursday at 10:00 CET; agenda",
  "is pricing, migration timeline and the onboarding plan for their two regional support teams.",
  "Thanks, and let me know if anything in the draft order form looks off before I send it out.",
]
  .join(" ")
  .slice(0, 1024);
const args = { query: kb };
const output = { content: [{ type: "text", text: kb }] };
const signer = LocalDevSigner.fromSeed(new Uint8Array(32).fill(7));
const dirs = [];
const sinks = [];

/** A real appender in a fresh directory; `undefined` signing means no audit at all (a null sink). */
function auditSink(signing) {
  if (signing === undefined) return { append: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "sec0-bench-mw-"));
  dirs.push(dir);
  const sink = new Sec0Appender({ config: { dir, signing }, signer });
  sinks.push(sink);
  return sink;
}

const configurations = [
  { label: "no audit record", policy: basePolicy, signing: undefined },
  { label: "signed per record", policy: basePolicy, signing: "per_record", target: 60 },
  { label: "checkpoint signing", policy: basePolicy, signing: "checkpoint", target: 25 },
  {
    label: "signed per record + Agent Guard on 1 KB in and out",
    policy: withAgentGuard,
    signing: "per_record",
    target: 120,
  },
  {
    label: "checkpoint signing + Agent Guard on 1 KB in and out",
    policy: withAgentGuard,
    signing: "checkpoint",
  },
  { label: "no audit record + SAST hook, code unchanged", policy: withSast, signing: undefined, sast: true },
  {
    label: "no audit record + SAST and DAST hooks, code unchanged",
    policy: withScans,
    signing: undefined,
    sast: true,
    scanRunners: { sast: passing, dast: passing },
  },
];
/** The governor view's registry for the SAST rows: the handler's code, as the middleware reads it. */
const handlerCode = { digest: "f".repeat(64), source: String(async () => output) };
const registry = { frozen: true, reasonsFor: () => [], codeOf: () => handlerCode };

function createServer() {
  const server = new McpServer({ name: "bench", version: "1.0.0" });
  server.registerTool(
    "lookup",
    { description: "Look something up.", inputSchema: { query: z.string() } },
    async () => output,
  );
  return server;
}
async function connect(server) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "bench-client", version: "1.0.0" });
  await client.connect(clientSide);
  await client.listTools();
  return client;
}
const call = { server: { name: "bench", version: "1.0.0" }, tool: "lookup", version: "1.0.0", args };
const execute = async () => output;

const mcpBare = await connect(createServer());
const paths = [
  {
    view: "mcp",
    label: "MCP SDK in process, bare (baseline)",
    fn: () => mcpBare.callTool({ name: "lookup", arguments: args }),
  },
];
for (const configuration of configurations) {
  const server = createServer();
  sec0SecurityMiddleware({
    policy: configuration.policy,
    adapters: {
      auditSink: auditSink(configuration.signing),
      scanStore: createMemoryScanStore(),
      ...(configuration.scanRunners === undefined ? {} : { scanRunners: configuration.scanRunners }),
    },
    telemetry: { enabled: false },
  })(server);
  const client = await connect(server);
  paths.push({
    view: "mcp",
    label: `MCP SDK in process, sec0, ${configuration.label}`,
    target: configuration.target,
    fn: () => client.callTool({ name: "lookup", arguments: args }),
    client,
  });
}
paths.push({ view: "governor", label: "bare execute (baseline)", fn: execute });
for (const configuration of configurations) {
  const governor = createToolGovernor(
    {
      policy: configuration.policy,
      telemetry: { enabled: false },
      adapters: {
        scanStore: createMemoryScanStore(),
        ...(configuration.scanRunners === undefined ? {} : { scanRunners: configuration.scanRunners }),
      },
    },
    {
      policySource: createInlinePolicySource(configuration.policy),
      auditSink: auditSink(configuration.signing),
      ...(configuration.sast ? { registry } : {}),
    },
  );
  paths.push({
    view: "governor",
    label: `governor, ${configuration.label}`,
    fn: () => governor.govern(call, execute),
    governor,
  });
}
for (const path of paths) {
  path.medians = [];
  path.means = [];
  // The scan rows scan their handler once here, before anything is timed; every path must be allowed.
  const first = await path.fn();
  if (first?.status === "refused" || first?._meta?.["sec0/refusal"] !== undefined)
    throw new Error(`${path.label}: the call was refused; the bench would time a refusal`);
}
const flushAll = () => Promise.all(sinks.map((sink) => sink.flush()));
for (let round = 0; round < ROUNDS; round++) {
  for (const path of paths) {
    const result = await measure(path.fn, { ms: 700, warmup: 150 });
    // Each path's records are written before the next path is timed; the mean counts that time.
    const t0 = performance.now();
    await flushAll();
    const totalUs = (result.ops / result.opsPerSec) * 1e6 + (performance.now() - t0) * 1000;
    path.medians.push(result.medianUs);
    path.means.push(totalUs / result.ops);
  }
}
// Throughput as a server sees it: 64 calls in flight through the governor, signed per record.
const throughputRounds = [];
{
  const governor = createToolGovernor(
    { policy: withAgentGuard, telemetry: { enabled: false } },
    { policySource: createInlinePolicySource(withAgentGuard), auditSink: auditSink("per_record") },
  );
  await throughput(() => governor.govern(call, execute), { count: 2048, limit: 64 });
  for (let round = 0; round < ROUNDS; round++) {
    throughputRounds.push(await throughput(() => governor.govern(call, execute), { count: 8192, limit: 64 }));
    await flushAll();
  }
  await governor.close();
}

const baselineOf = (path) => paths.find((other) => other.view === path.view);
const rows = paths.map((path) => {
  const baseline = baselineOf(path);
  const added = path.medians.map((median, round) => median - baseline.medians[round]);
  const addedMean = path.means.map((mean, round) => mean - baseline.means[round]);
  return [
    path.label,
    formatSpread(path.medians),
    path === baseline ? "" : formatSpread(added),
    path === baseline ? formatSpread(path.means) : formatSpread(addedMean),
  ];
});
printTable(
  [
    "path (1 KB in, 1 KB out)",
    "median µs, one call at a time",
    "added median µs",
    "added mean µs, records written (baseline: its mean)",
  ],
  rows,
);
console.log(
  `\nMedian round (min–max) over ${ROUNDS} rounds; ${cpu === undefined ? "not pinned (no taskset)" : `pinned to CPU ${cpu} with taskset`}.`,
);
for (const view of ["mcp", "governor"]) {
  const plain = paths.find((path) => path.view === view && path.label.endsWith("no audit record"));
  for (const hooks of ["SAST hook", "SAST and DAST hooks"]) {
    const hooked = paths.find(
      (path) => path.view === view && path.label.endsWith(`+ ${hooks}, code unchanged`),
    );
    const added = hooked.medians.map((median, round) => median - plain.medians[round]);
    console.log(
      `${hooks}, code unchanged (${view}): ${formatSpread(added)} µs added per call (target ≤ 5 µs)`,
    );
  }
}
console.log(
  `Governor with 64 calls in flight, signed per record, Agent Guard on: ${formatSpread(throughputRounds)} calls/s (records written as they come; durability batch).`,
);
for (const path of paths.filter((p) => p.target !== undefined)) {
  const baseline = baselineOf(path);
  const added = spread(path.medians.map((median, round) => median - baseline.medians[round])).median;
  console.log(`Target: ${path.label} adds ≤ ${path.target} µs → ${added.toFixed(0)} µs.`);
}
for (const path of paths) {
  await path.client?.close();
  await path.governor?.close();
}
for (const sink of sinks) await sink.close();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
