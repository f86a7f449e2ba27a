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
import { measure, printTable } from "./harness.mjs";

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
// Measured first, in a fresh process, so earlier rows' garbage does not weigh on it.
let throughputRow;
{
  // Throughput as a server sees it: 64 calls in flight, every record signed and synced (batch).
  const { g, sink } = governor("batch");
  const waves = async (count) => {
    for (let i = 0; i < count; i += 64)
      await Promise.all(Array.from({ length: 64 }, () => g.govern(call, execute)));
  };
  await waves(2048);
  await sink.flush();
  const t0 = performance.now();
  let done = 0;
  while (performance.now() - t0 < 3000) {
    await waves(1024);
    done += 1024;
  }
  await sink.flush();
  const perSecond = done / ((performance.now() - t0) / 1000);
  throughputRow = ["governor, 64 calls in flight, audit durability=batch", perSecond, "", "", ""];
  await g.close();
}
const bare = await measure(execute, { ms: 1500 });
rows.push(["bare execute (baseline)", bare.opsPerSec, bare.medianUs, bare.p99Us, 0]);
for (const durability of ["none", "batch"]) {
  const { g, sink } = governor(durability);
  const result = await measure(() => g.govern(call, execute), { ms: 2500 });
  const perSecond = await sustained(result, sink);
  rows.push([
    `governor, audit durability=${durability}`,
    perSecond,
    result.medianUs,
    result.p99Us,
    result.medianUs - bare.medianUs,
  ]);
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
  const result = await measure(() => g.govern(call, execute), { ms: 2500 });
  rows.push([
    "governor, waits for each record (deny_on missing_audit_signature)",
    await sustained(result, sink),
    result.medianUs,
    result.p99Us,
    result.medianUs - bare.medianUs,
  ]);
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
const mcpBare = await measure(() => bareClient.callTool({ name: "lookup", arguments: args }), { ms: 2000 });
rows.push(["MCP SDK in process, bare (baseline)", mcpBare.opsPerSec, mcpBare.medianUs, mcpBare.p99Us, 0]);
const wrappedServer = createServer();
const wrappedSink = appender("none");
sec0SecurityMiddleware({ policy, adapters: { auditSink: wrappedSink }, telemetry: { enabled: false } })(
  wrappedServer,
);
const wrappedClient = await connect(wrappedServer);
await wrappedClient.listTools();
const mcpWrapped = await measure(() => wrappedClient.callTool({ name: "lookup", arguments: args }), {
  ms: 2500,
});
rows.push([
  "MCP SDK in process, sec0 (durability=none)",
  await sustained(mcpWrapped, wrappedSink),
  mcpWrapped.medianUs,
  mcpWrapped.p99Us,
  mcpWrapped.medianUs - mcpBare.medianUs,
]);
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
  ],
  rows,
);
console.log("\nTarget: median added latency < 100 µs and ≥ 10,000 calls/s in process (governor rows).");
console.log(
  "durability=batch fsyncs each sequential call's record before returning: its latency is the disk's.",
);
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
