// Added latency of the sec0 middleware per tool call, against the bare server in the same run.
// Every governed row has a signed audit record (Sec0Appender, node:crypto Ed25519) and every
// detector on 1 KB of input and 1 KB of output. Rows:
//  - governor only: `governor.govern(call, execute)` vs calling `execute` directly (the pipeline
//    cost itself, what the < 100 µs / ≥ 10,000 calls/s target is about);
//  - MCP in process: an official-SDK McpServer + Client over InMemoryTransport, bare vs wrapped;
//  - 0.2.3 recipe: the cost 0.2.3 added per call for signing alone (tweetnacl over sorted-key JSON).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import nacl from "tweetnacl";
import { Sec0Appender } from "../packages/audit/dist/index.js";
import { canonicalizeLegacy } from "../packages/core/dist/index.js";
import { createToolGovernor, sec0SecurityMiddleware } from "../packages/middleware/dist/index.js";
import { createInlinePolicySource } from "../packages/policy/dist/index.js";
import { LocalDevSigner } from "../packages/signer/dist/index.js";
import { createMachineGauge, measure, printTable, REFERENCE_SIGN_US } from "./harness.mjs";

const require = createRequire(join(process.cwd(), "packages/middleware/package.json"));
const sdk = (path) => import(require.resolve(`@modelcontextprotocol/sdk/${path}`));
const { McpServer } = await sdk("server/mcp.js");
const { Client } = await sdk("client/index.js");
const { InMemoryTransport } = await sdk("inMemory.js");
const { z } = await import(require.resolve("zod"));

const policy = {
  tenant: "bench",
  tools: { allowlist: ["mcp://bench/*"] },
  enforcement: { deny_on: ["tool_not_in_allowlist", "agent_guard_failed"] },
  agent_guard: { enabled: true, block_on_severity: "high" },
};
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

function appender(durability) {
  const dir = mkdtempSync(join(tmpdir(), "sec0-bench-mw-"));
  dirs.push(dir);
  return new Sec0Appender({ config: { dir, durability, checkpointEvery: 1000 }, signer });
}

function governor(durability) {
  const sink = appender(durability);
  const g = createToolGovernor(
    { policy, telemetry: { enabled: false } },
    { policySource: createInlinePolicySource(policy), auditSink: sink },
  );
  return { g, sink };
}

/** Calls/s counting the time the audit log needs to catch up: every record signed and written. */
async function sustained(result, sink) {
  const t0 = performance.now();
  await sink.flush();
  const seconds = result.ops / result.opsPerSec + (performance.now() - t0) / 1000;
  return result.ops / seconds;
}

const call = { server: { name: "bench", version: "1.0.0" }, tool: "lookup", version: "1.0.0", args };
const execute = async () => output;
const rows = [];
// Every row is also given on the reference machine of docs/performance.md: each measurement is interleaved with
// a gauge (node:crypto Ed25519 sign of the reference ~1 KB envelope, 37 µs there), and the row is
// scaled by how much slower that same operation ran here, in the same slices of time.
const onReference = (row, gauge, baseline) => {
  const f = gauge.toReference;
  const [label, perSecond, median, p99, added] = row;
  const base = baseline === undefined ? 0 : baseline[2] / baseline.factor;
  const scaled = typeof median === "number" ? [perSecond * f, median / f - base] : [perSecond * f, ""];
  return Object.assign([label, perSecond, median, p99, added, ...scaled], { factor: f });
};
/**
 * Measures `fn` with a gauge and returns its row: calls/s counting the audit log's catch-up when
 * `sink` is given, added median latency against `baseline` (a row from this function).
 */
async function measuredRow(label, fn, { ms, sink, baseline }) {
  const gauge = createMachineGauge();
  const result = await measure(fn, { ms, gauge });
  const perSecond = sink === undefined ? result.opsPerSec : await sustained(result, sink);
  const added = baseline === undefined ? 0 : result.medianUs - baseline[2];
  return onReference([label, perSecond, result.medianUs, result.p99Us, added], gauge, baseline);
}
// Measured first, in a fresh process, so earlier rows' garbage does not weigh on it.
let throughputRow;
let throughputRounds;
{
  // Throughput as a server sees it: 64 calls in flight, every record signed and synced (batch).
  const { g, sink } = governor("batch");
  const waves = async (count) => {
    for (let i = 0; i < count; i += 64)
      await Promise.all(Array.from({ length: 64 }, () => g.govern(call, execute)));
  };
  await waves(2048);
  await sink.flush();
  // Three rounds of about 2 s of calls each, every round with its own gauge; the median round
  // (by reference-machine calls/s) is reported, the spread printed below the table.
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const gauge = createMachineGauge();
    gauge.sample(256);
    let busyMs = 0;
    let done = 0;
    while (busyMs < 2000) {
      const t0 = performance.now();
      await waves(512);
      busyMs += performance.now() - t0;
      done += 512;
      gauge.sample(64);
    }
    const t0 = performance.now();
    await sink.flush();
    busyMs += performance.now() - t0;
    const perSecond = done / (busyMs / 1000);
    rounds.push({ perSecond, gauge, reference: perSecond * gauge.toReference });
  }
  rounds.sort((a, b) => a.reference - b.reference);
  throughputRounds = rounds.map((r) => Math.round(r.reference));
  const median = rounds[1];
  throughputRow = onReference(
    [
      "governor, 64 calls in flight, audit durability=batch (median of 3 rounds)",
      median.perSecond,
      "",
      "",
      "",
    ],
    median.gauge,
  );
  await g.close();
}
const bareRow = await measuredRow("bare execute (baseline)", execute, { ms: 1500 });
rows.push(bareRow);
for (const durability of ["none", "batch"]) {
  const { g, sink } = governor(durability);
  rows.push(
    await measuredRow(`governor, audit durability=${durability}`, () => g.govern(call, execute), {
      ms: 2500,
      sink,
      baseline: bareRow,
    }),
  );
  if (durability === "batch") rows.push(throughputRow);
  await g.close();
}
{
  // A policy that enforces missing_audit_signature makes each call wait for its record.
  const strict = {
    ...policy,
    enforcement: { deny_on: [...policy.enforcement.deny_on, "missing_audit_signature"] },
  };
  const sink = appender("none");
  const g = createToolGovernor(
    { policy: strict, telemetry: { enabled: false } },
    { policySource: createInlinePolicySource(strict), auditSink: sink },
  );
  rows.push(
    await measuredRow(
      "governor, waits for each record (deny_on missing_audit_signature)",
      () => g.govern(call, execute),
      { ms: 2500, sink, baseline: bareRow },
    ),
  );
  await g.close();
}

// 0.2.3's per-call signing: tweetnacl over sorted-key JSON of an envelope of the same size.
const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const envelope = {
  ts: new Date().toISOString(),
  tenant: "bench",
  tool: "lookup@1.0.0",
  input: kb.slice(0, 600),
};
// Not scaled to the reference machine: tweetnacl's garbage lands in the gauge's samples. docs/performance.md
// gives this recipe as at 3,056 µs there.
const legacy = await measure(
  () => nacl.sign.detached(new TextEncoder().encode(canonicalizeLegacy(envelope)), pair.secretKey),
  { ms: 1500 },
);
rows.push([
  "0.2.3 recipe: tweetnacl signing alone",
  legacy.opsPerSec,
  legacy.medianUs,
  legacy.p99Us,
  legacy.medianUs,
]);

// The same comparison through the official MCP SDK, in process.
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
  return client;
}
const bareClient = await connect(createServer());
const mcpBareRow = await measuredRow(
  "MCP SDK in process, bare (baseline)",
  () => bareClient.callTool({ name: "lookup", arguments: args }),
  { ms: 2000 },
);
rows.push(mcpBareRow);
const wrappedServer = createServer();
const wrappedSink = appender("none");
sec0SecurityMiddleware({ policy, adapters: { auditSink: wrappedSink }, telemetry: { enabled: false } })(
  wrappedServer,
);
const wrappedClient = await connect(wrappedServer);
await wrappedClient.listTools();
rows.push(
  await measuredRow(
    "MCP SDK in process, sec0 (durability=none)",
    () => wrappedClient.callTool({ name: "lookup", arguments: args }),
    { ms: 2500, sink: wrappedSink, baseline: mcpBareRow },
  ),
);
await bareClient.close();
await wrappedClient.close();

// Through the stdio proxy: a stdio MCP server (the middleware's test fixture) spawned bare, and
// behind the built `sec0 mcp proxy`, each driven by the SDK client over stdio.
const { StdioClientTransport } = await sdk("client/stdio.js");
const { writeFileSync } = await import("node:fs");
const { execFileSync } = await import("node:child_process");
const fixture = join(process.cwd(), "packages/middleware/src/mcp/__fixtures__/stdio-server.mjs");
const cli = join(process.cwd(), "packages/cli/dist/bin.js");
const proxyDir = mkdtempSync(join(tmpdir(), "sec0-bench-proxy-"));
dirs.push(proxyDir);
execFileSync(process.execPath, [cli, "keygen"], { cwd: proxyDir });
writeFileSync(
  join(proxyDir, "policy.yaml"),
  'tenant: bench\nsigning:\n  enabled: true\n  key_ref: "file://./.sec0/keys/ed25519.key"\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist, agent_guard_failed]\nagent_guard:\n  enabled: true\n',
);
async function stdioClient(command, commandArgs) {
  const client = new Client({ name: "bench-client", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({ command, args: commandArgs, cwd: proxyDir, stderr: "ignore" }),
  );
  await client.listTools();
  return client;
}
const echoArgs = { text: kb };
const stdioBare = await stdioClient(process.execPath, [fixture]);
const stdioBareResult = await measure(() => stdioBare.callTool({ name: "echo", arguments: echoArgs }), {
  ms: 2000,
});
rows.push([
  "stdio server, bare (baseline)",
  stdioBareResult.opsPerSec,
  stdioBareResult.medianUs,
  stdioBareResult.p99Us,
  0,
]);
await stdioBare.close();
const stdioProxied = await stdioClient(process.execPath, [
  cli,
  "mcp",
  "proxy",
  "--policy",
  "policy.yaml",
  "--",
  process.execPath,
  fixture,
]);
const stdioProxyResult = await measure(() => stdioProxied.callTool({ name: "echo", arguments: echoArgs }), {
  ms: 2500,
});
rows.push([
  "stdio server behind sec0 mcp proxy",
  stdioProxyResult.opsPerSec,
  stdioProxyResult.medianUs,
  stdioProxyResult.p99Us,
  stdioProxyResult.medianUs - stdioBareResult.medianUs,
]);
await stdioProxied.close();

printTable(
  [
    "path (1 KB in, 1 KB out, all detectors, signed audit)",
    "calls/s (audit caught up)",
    "median µs",
    "p99 µs",
    "added median µs",
    "calls/s, reference machine",
    "added median µs, reference machine",
  ],
  rows,
);
const reference = throughputRow[5];
const governorAdded = rows.find((row) => row[0] === "governor, audit durability=none")[6];
console.log(
  `\nReference machine (docs/performance.md): a 2-core machine, where node:crypto Ed25519 signs the ~1 KB envelope in ${REFERENCE_SIGN_US} µs; here it took ${(REFERENCE_SIGN_US * throughputRow.factor).toFixed(1)} µs during the throughput row (gauge interleaved with every row; stdio rows run in other processes and are not scaled).`,
);
console.log(
  `Target (governor rows, in process): median added latency < 100 µs → ${governorAdded.toFixed(0)} µs on the reference machine; ≥ 10,000 calls/s on one core → ${Math.round(reference).toLocaleString("en-US")} calls/s (64 in flight, batch durability; rounds: ${throughputRounds.map((n) => n.toLocaleString("en-US")).join(", ")}).`,
);
console.log(
  "durability=batch fsyncs each sequential call's record before returning: its latency is the disk's.",
);
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
