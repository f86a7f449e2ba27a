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
  await client.connect(new StdioClientTransport({ command, args, cwd: dir, stderr: "ignore" }));
  await client.listTools();
  return client;
}
const text = "Following up on Tuesday's renewal call: 65 seats from October 1, split invoice, SSO via Okta. "
  .repeat(12)
  .slice(0, 1024);
const echo = (client) => () => client.callTool({ name: "echo", arguments: { text } });

const paths = [
  { name: "bare SDK client → stdio server (baseline)", client: await connect(process.execPath, [fixture]) },
];
for (const variant of variants) {
  paths.push({
    name: variant.name,
    client: await connect(process.execPath, [
      cli,
      "mcp",
      "proxy",
      "--policy",
      variant.file,
      "--",
      process.execPath,
      fixture,
    ]),
  });
}
for (const path of paths) {
  path.medians = [];
  path.rates = [];
}
for (let round = 0; round < ROUNDS; round++) {
  for (const path of paths) {
    const sequential = await measure(echo(path.client), { ms: 1000, warmup: 150 });
    path.medians.push(sequential.medianUs);
    path.rates.push(await throughput(echo(path.client), { count: 1500, limit: 16 }));
  }
}
const [bare] = paths;
const rows = paths.map((path) => {
  const added = path.medians.map((median, round) => median - bare.medians[round]);
  const ratio = path.rates.map((rate, round) => (rate / bare.rates[round]) * 100);
  return [
    path.name,
    formatSpread(path.medians),
    path === bare ? "" : formatSpread(added),
    formatSpread(path.rates),
    path === bare ? "100 %" : `${formatSpread(ratio)} %`,
  ];
});
printTable(
  [
    "path (1 KB in, ~1 KB out, echo tool)",
    "median µs, one call at a time",
    "added median µs",
    "calls/s, 16 in flight",
    "of bare calls/s",
  ],
  rows,
);
console.log(
  `\nMedian round (min–max) over ${ROUNDS} rounds; ${cpu === undefined ? "not pinned (no taskset)" : `pinned to CPU ${cpu} with taskset`}, every process of the run on it.`,
);
const target = paths[1];
const added = spread(target.medians.map((median, round) => median - bare.medians[round])).median;
const ratio = spread(target.rates.map((rate, round) => rate / bare.rates[round])).median * 100;
console.log(
  `Targets: proxy adds ≤ 200 µs median one call at a time → ${added.toFixed(0)} µs; ≥ 60 % of bare calls/s with 16 in flight → ${ratio.toFixed(0)} %.`,
);
for (const path of paths) await path.client.close();
rmSync(dir, { recursive: true, force: true });
