// What `sec0 mcp proxy` adds in front of a stdio MCP server built on the official SDK, against the
// same server reached directly by the same SDK client, measured in the same run and pinned to one
// CPU (client, proxy and server share it). Each round measures every path in turn: the median of
// one call at a time (1 KB of arguments, the echo tool answers ~1 KB) and the calls/s with 16 in
// flight. Reported: the median round and the spread (min–max) over the rounds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSpread, mcpSdk, measure, pinToOneCpu, printTable, spread, throughput } from "./harness.mjs";
import { childrenOf, cpuMicros, available as cpuTimeAvailable } from "./proxy/cpu-time.mjs";

const cpu = pinToOneCpu();
const ROUNDS = Number(process.env.SEC0_BENCH_ROUNDS ?? 5);
const { sdk } = mcpSdk();
const { Client } = await sdk("client/index.js");
const { StdioClientTransport } = await sdk("client/stdio.js");

const fixture = join(process.cwd(), "packages/middleware/src/mcp/__fixtures__/stdio-server.mjs");
const cli = join(process.cwd(), "packages/cli/dist/bin.js");
const dir = mkdtempSync(join(tmpdir(), "sec0-bench-proxy-"));
execFileSync(process.execPath, [cli, "keygen"], { cwd: dir });
const policyYaml = (extra) =>
  [
    "tenant: bench",
    "signing:",
    "  enabled: true",
    '  key_ref: "file://./.sec0/keys/ed25519.key"',
    ...extra.signing,
    "tools:",
    '  allowlist: ["*"]',
    "enforcement:",
    "  deny_on: [tool_not_in_allowlist, agent_guard_failed]",
    ...extra.rest,
    "",
  ].join("\n");
const variants = [
  { name: "proxy, signed per record", file: "per-record.yaml", signing: [], rest: [] },
  { name: "proxy, checkpoint signing", file: "checkpoint.yaml", signing: ["  mode: checkpoint"], rest: [] },
  {
    name: "proxy, signed per record, Agent Guard on input and output",
    file: "agent-guard.yaml",
    signing: [],
    rest: ["agent_guard:", "  enabled: true"],
  },
];
for (const variant of variants) writeFileSync(join(dir, variant.file), policyYaml(variant));

async function connect(command, args) {
  const client = new Client({ name: "bench-client", version: "1.0.0" });
  const transport = new StdioClientTransport({ command, args, cwd: dir, stderr: "ignore" });
  await client.connect(transport);
  await client.listTools();
  return { client, pid: transport.pid };
}
const text = "Following up on Tuesday's renewal call: 65 seats from October 1, split invoice, SSO via Okta. "
  .repeat(12)
  .slice(0, 1024);
const echo = (client) => () => client.callTool({ name: "echo", arguments: { text } });

const forwarder = join(process.cwd(), "bench/proxy/line-forwarder.mjs");
const paths = [
  { name: "bare SDK client → stdio server (baseline)", ...(await connect(process.execPath, [fixture])) },
  {
    name: "line forwarder, no sec0 (the floor of a process in between)",
    ...(await connect(process.execPath, [forwarder, process.execPath, fixture])),
  },
];
for (const variant of variants) {
  paths.push({
    name: variant.name,
    ...(await connect(process.execPath, [
      cli,
      "mcp",
      "proxy",
      "--policy",
      variant.file,
      "--",
      process.execPath,
      fixture,
    ])),
  });
}
for (const path of paths) {
  path.medians = [];
  path.rates = [];
  path.cpu = [];
  // The server is the spawned process itself (bare) or the child of the process in between.
  path.middle = path.name.startsWith("bare") ? undefined : path.pid;
  path.server = path.middle === undefined ? path.pid : cpuTimeAvailable ? childrenOf(path.pid)[0] : undefined;
}

// CPU µs per call of the client (this process), the process in between and the server, over `run`.
async function withCpuTime(path, calls, run) {
  const before = [process.cpuUsage(), cpuMicros(path.middle), cpuMicros(path.server)];
  const result = await run();
  const client = process.cpuUsage(before[0]);
  const after = [
    client.user + client.system,
    cpuMicros(path.middle) - before[1],
    cpuMicros(path.server) - before[2],
  ];
  path.cpu.push(after.map((micros) => micros / calls));
  return result;
}
// One unrecorded pass per path first: the proxy's code is compiled by V8 while it runs, and the
// first round otherwise measures that (its calls/s were about half of the later rounds').
for (const path of paths) await throughput(echo(path.client), { count: 3000, limit: 16 });
for (let round = 0; round < ROUNDS; round++) {
  for (const path of paths) {
    const sequential = await measure(echo(path.client), { ms: 1000, warmup: 150 });
    path.medians.push(sequential.medianUs);
    const count = 3000;
    path.rates.push(
      await withCpuTime(path, count, () => throughput(echo(path.client), { count, limit: 16 })),
    );
  }
}
const [bare] = paths;
// The median over the rounds of each process's CPU µs per call: client / in between / server.
function cpuSplit(path) {
  const median = (index) => spread(path.cpu.map((split) => split[index])).median;
  const middle = path.middle === undefined ? "–" : median(1).toFixed(1);
  return `${median(0).toFixed(1)} / ${middle} / ${median(2).toFixed(1)}`;
}
const rows = paths.map((path) => {
  const added = path.medians.map((median, round) => median - bare.medians[round]);
  const ratio = path.rates.map((rate, round) => (rate / bare.rates[round]) * 100);
  return [
    path.name,
    formatSpread(path.medians),
    path === bare ? "" : formatSpread(added),
    formatSpread(path.rates),
    path === bare ? "100 %" : `${formatSpread(ratio)} %`,
    ...(cpuTimeAvailable ? [cpuSplit(path)] : []),
  ];
});
printTable(
  [
    "path (1 KB in, ~1 KB out, echo tool)",
    "median µs, one call at a time",
    "added median µs",
    "calls/s, 16 in flight",
    "of bare calls/s",
    ...(cpuTimeAvailable ? ["CPU µs per call, 16 in flight: client / in between / server"] : []),
  ],
  rows,
);
console.log(
  `\nMedian round (min–max) over ${ROUNDS} rounds; ${cpu === undefined ? "not pinned (no taskset)" : `pinned to CPU ${cpu} with taskset`}, every process of the run on it.`,
);
const byName = (name) => paths.find((path) => path.name === name);
const target = byName("proxy, signed per record");
const ratioOf = (path) => spread(path.rates.map((rate, round) => rate / bare.rates[round])).median * 100;
const added = spread(target.medians.map((median, round) => median - bare.medians[round])).median;
console.log(
  `Targets: proxy adds ≤ 200 µs median one call at a time → ${added.toFixed(0)} µs; ≥ 60 % of bare calls/s with 16 in flight → ${ratioOf(target).toFixed(0)} % (checkpoint signing: ${ratioOf(byName("proxy, checkpoint signing")).toFixed(0)} %).`,
);
for (const path of paths) await path.client.close();
rmSync(dir, { recursive: true, force: true });
