// The sec0 demo: real MCP servers (official SDK) governed by sec0, a real MCP client, a signed
// audit log, and `sec0 audit verify` at the end. Run it with `pnpm --filter @sec0/demo start:middleware` (`-- --keep`
// keeps the temporary workspace, with its key, policy and audit log, for a look afterwards).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createProcessIo, runCli } from "@sec0/cli";
import { Sec0Appender } from "sec0-sdk/audit";
import { sec0SecurityMiddleware } from "sec0-sdk/middleware";
import { parsePolicyYaml } from "sec0-sdk/policy";
import { LocalDevSigner } from "sec0-sdk/signer";
import { createFilesServer, createWeatherServer } from "./servers.mjs";

const POLICY = `tenant: demo
default_retention: "30d"
signing:
  enabled: true
  key_ref: "file://./.sec0/keys/ed25519.key"
tools:
  allowlist:
    - "mcp://demo-files/read_file@1.0.0"
    - "mcp://demo-files/write_file@1.0.0"
    - "mcp://demo-files/fetch_page@1.0.0"
    - "mcp://weather/*"
side_effects:
  require_idempotency_key: true
enforcement:
  deny_on:
    - tool_not_in_allowlist
    - agent_guard_failed
    - missing_idempotency_for_side_effect
    - integrity_violation
    - tool_poisoning
agent_guard:
  enabled: true
  block_on_severity: high
`;

const quiet = { stdout: () => {}, stderr: (text) => process.stderr.write(text), env: process.env };

const keep = process.argv.includes("--keep");

async function main() {
  // 1. A fresh workspace with a key made by `sec0 keygen` and the policy above.
  const workDir = mkdtempSync(join(tmpdir(), "sec0-demo-"));
  const home = process.cwd();
  process.chdir(workDir);
  try {
    process.exitCode = await runDemo(workDir);
  } finally {
    process.chdir(home);
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
}

async function runDemo(workDir) {
  mkdirSync(".sec0/keys", { recursive: true });
  await runCli(["keygen", "--out", ".sec0/keys/ed25519.key"], { ...quiet, cwd: workDir });
  writeFileSync("policy.yaml", POLICY);
  say(`sec0 demo — workspace ${workDir}\n`);
  say("policy.yaml: allowlist of 3 demo-files tools + every weather tool; deny_on tool_not_in_allowlist,");
  say("agent_guard_failed, missing_idempotency_for_side_effect, integrity_violation, tool_poisoning.\n");

  // 2. The seed docs' step 1, as pasted: parse the policy, load the signer, wrap the servers.
  const policy = parsePolicyYaml(POLICY);
  const signer = LocalDevSigner.fromKeyRef(policy.signing.key_ref);
  const audit = new Sec0Appender({ config: { dir: ".sec0" }, signer }); // one log for both servers
  const runs = [];
  const files = createFilesServer(runs);
  const weather = createWeatherServer(runs);
  for (const server of [files, weather]) {
    sec0SecurityMiddleware({
      policy,
      signer,
      sec0: { dir: ".sec0", retentionDays: 30 },
      adapters: { auditSink: audit },
      telemetry: { enabled: false },
    })(server);
  }

  // 3. A real MCP client for each server.
  const filesClient = await connect(files);
  const weatherClient = await connect(weather);

  const listed = await filesClient.listTools();
  say(
    `tools/list on demo-files shows ${listed.tools.map((t) => t.name).join(", ")} (delete_file is filtered out).\n`,
  );

  const rows = [];
  const step = async (what, client, name, args, meta) => {
    const before = runs.length;
    const result = await client.callTool({ name, arguments: args, ...(meta ? { _meta: meta } : {}) });
    const refusal = result._meta?.["sec0/refusal"];
    const ran = runs.length > before ? "yes" : "no";
    const text = result.content?.[0]?.text ?? "";
    // decision and reason are filled in from the audit record of this call, below.
    rows.push([
      String(rows.length + 1),
      what,
      name,
      "",
      "",
      ran,
      truncate(refusal ? refusal.message : text, 70),
    ]);
  };

  await step("allowed call", filesClient, "read_file", { path: "reports/q3.md" });
  await step("outside the allowlist", filesClient, "delete_file", { path: "reports/q3.md" });
  await step("injection in the tool output", filesClient, "fetch_page", {
    url: "https://example.com/pricing",
  });
  await step("side effect, no idempotency key", filesClient, "write_file", {
    path: "out.txt",
    content: "hello",
  });
  await step(
    "side effect with key k-1",
    filesClient,
    "write_file",
    { path: "out.txt", content: "hello" },
    { idempotencyKey: "k-1" },
  );
  await step(
    "same key replayed",
    filesClient,
    "write_file",
    { path: "out.txt", content: "hello" },
    { idempotencyKey: "k-1" },
  );
  await step(
    "same key, other arguments",
    filesClient,
    "write_file",
    { path: "out.txt", content: "bye" },
    { idempotencyKey: "k-1" },
  );
  await weatherClient.listTools();
  await step("tool as first listed", weatherClient, "forecast", { city: "Lisbon" });
  await weatherClient.listTools(); // the server now describes the tool differently
  await step("tool definition changed", weatherClient, "forecast", { city: "Lisbon" });

  await filesClient.close();
  await weatherClient.close();
  await audit.close();

  // The table's decision and reason are the audit record's own words, one record per call.
  const records = readAuditRecords(".sec0");
  const calls = records.filter((record) => record.op !== "list");
  if (calls.length !== rows.length) throw new Error(`${calls.length} audit records for ${rows.length} calls`);
  for (const [index, record] of calls.entries()) {
    rows[index][3] = record.policy.decision;
    rows[index][4] = record.policy.reason ?? (record.idempotent_replay ? "(replayed)" : "-");
  }
  say("decision and reason: the policy.decision and policy.reason of each call's audit record.\n");
  printTable(["#", "scenario", "tool", "decision", "reason", "ran", "what the client saw"], rows);
  for (const listing of records.filter((record) => record.op === "list")) {
    say(
      `tools/list: ${listing.target_tool_ref} ${listing.policy.decision} ${listing.policy.reason ?? ""} (audit record of the listing)`,
    );
  }
  say(
    `\nThe write_file handler ran ${runs.filter((r) => r.startsWith("write_file")).length} time(s) for 3 calls with key k-1.`,
  );

  // 4. Prove what happened: verify every signature, the hash chain and the checkpoints.
  // The public key is pinned outside .sec0 (here: printed now), so rewriting .sec0 cannot re-sign.
  const publicKey = Buffer.from(signer.publicKey).toString("base64");
  say(`\n$ sec0 key show .sec0/keys/ed25519.key --public > audit.pub   # keep it outside .sec0`);
  say(`$ sec0 audit verify .sec0 --public-key audit.pub   # audit.pub: ${publicKey}\n`);
  const code = await runCli(["audit", "verify", ".sec0", "--public-key", publicKey], {
    ...createProcessIo(),
    cwd: workDir,
  });
  const cli = join(dirname(createRequire(import.meta.url).resolve("@sec0/cli/package.json")), "bin/sec0.js");
  if (keep)
    say(
      `\nAudit records are in ${workDir}/.sec0. Read them with:\n  node ${cli} audit tail ${workDir}/.sec0`,
    );
  else
    say(`\nRemoved the workspace ${workDir}; run \`pnpm demo -- --keep\` to keep it and read the records.`);
  return code;
}

/** The call records of every day file in `dir`, in order (checkpoint lines left out). */
function readAuditRecords(dir) {
  return readdirSync(dir)
    .filter((file) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(file))
    .sort()
    .flatMap((file) => readFileSync(join(dir, file), "utf8").split("\n"))
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line))
    .filter((record) => record.type === undefined);
}

async function connect(server) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "demo-agent", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

function say(text) {
  process.stdout.write(`${text}\n`);
}

function truncate(text, max) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  say(line(headers));
  say(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) say(line(row));
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${error?.code ? `${error.code}: ` : ""}${error?.message ?? error}\n`);
  process.exitCode = 1;
});
