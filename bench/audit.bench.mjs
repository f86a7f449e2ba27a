// Audit appender and verifier throughput against the 0.2.3 recipe (tweetnacl signing of
// sorted-key JSON, appendFile per record, no chain), measured in the same run. Bounded by time.
import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import nacl from "tweetnacl";
import { printTable } from "./harness.mjs";

const distUrl = new URL("../packages/audit/dist/index.js", import.meta.url);
const testkitUrl = new URL("../tooling/testkit/dist/index.js", import.meta.url);
const coreUrl = new URL("../packages/core/dist/index.js", import.meta.url);
if (!existsSync(distUrl) || !existsSync(testkitUrl)) {
  console.log("audit bench skipped: build first (pnpm build)");
  process.exit(0);
}
const { Sec0Appender, verifyAuditText } = await import(distUrl.href);
const { createSeededKeyPair } = await import(testkitUrl.href);
const { canonicalize } = await import(coreUrl.href);

const keys = createSeededKeyPair("audit-bench");
const MS = 1500;
const IN_FLIGHT = 512;

function envelope(i) {
  return {
    ts: new Date(Date.UTC(2026, 0, 1, 12) + i).toISOString(),
    trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
    span_id: "00f067aa0ba902b7",
    tenant: "acme",
    env: "prod",
    server: "files",
    tool: "read_file@1.0",
    tool_ref: "files read_file@1.0",
    node_type: "middleware",
    nodeId: "planner",
    agentRef: "run-1234",
    status: "ok",
    latency_ms: 3,
    retries: 0,
    input_sha256: "a".repeat(64),
    output_sha256: "b".repeat(64),
    policy: { decision: "allow", retention: "standard" },
    idempotency_key: null,
    n: i,
  };
}

async function tempDir() {
  return mkdtemp(join(tmpdir(), "sec0-audit-bench-"));
}

/** Appends for about MS milliseconds with `inFlight` appends outstanding; returns appends/s. */
async function benchAppender(durability, inFlight, signing = "per_record") {
  const dir = await tempDir();
  const appender = new Sec0Appender({ config: { dir, durability, signing }, signer: keys.signer });
  let n = 0;
  const start = performance.now();
  const end = start + MS;
  while (performance.now() < end) {
    const batch = [];
    for (let i = 0; i < inFlight; i += 1) batch.push(appender.append(envelope(n++)));
    await Promise.all(batch);
  }
  const seconds = (performance.now() - start) / 1000;
  await appender.close();
  await rm(dir, { recursive: true, force: true });
  return n / seconds;
}

async function benchBaselineAppend() {
  const dir = await tempDir();
  const file = join(dir, "audit-2026-01-01.ndjson");
  const secretKey = nacl.sign.keyPair.fromSeed(keys.seed).secretKey;
  let n = 0;
  const start = performance.now();
  while (performance.now() < start + MS) {
    const env = envelope(n++);
    const sig = nacl.sign.detached(new TextEncoder().encode(canonicalize(env)), secretKey);
    await appendFile(
      file,
      `${JSON.stringify({ ...env, sig: `ed25519:${Buffer.from(sig).toString("base64")}` })}\n`,
    );
  }
  const seconds = (performance.now() - start) / 1000;
  await rm(dir, { recursive: true, force: true });
  return n / seconds;
}

async function benchVerify() {
  const dir = await tempDir();
  const appender = new Sec0Appender({ config: { dir, durability: "none" }, signer: keys.signer });
  const count = 20_000;
  for (let i = 0; i < count; i += IN_FLIGHT) {
    await Promise.all(
      Array.from({ length: Math.min(IN_FLIGHT, count - i) }, (_, j) => appender.append(envelope(i + j))),
    );
  }
  await appender.close();
  const text = await readFile(join(dir, "audit-2026-01-01.ndjson"), "utf8");
  const lines = text.split("\n").length - 1;
  let runs = 0;
  const start = performance.now();
  while (performance.now() < start + MS || runs === 0) {
    const report = verifyAuditText("bench", text, { publicKey: keys.publicKey });
    if (report.status !== "valid")
      throw new Error(`bench log did not verify: ${JSON.stringify(report.problem)}`);
    runs += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  await rm(dir, { recursive: true, force: true });
  return (runs * lines) / seconds;
}

function benchBaselineVerify() {
  const pair = nacl.sign.keyPair.fromSeed(keys.seed);
  const lines = Array.from({ length: 200 }, (_, i) => {
    const env = envelope(i);
    const sig = nacl.sign.detached(new TextEncoder().encode(canonicalize(env)), pair.secretKey);
    return JSON.stringify({ ...env, sig: `ed25519:${Buffer.from(sig).toString("base64")}` });
  });
  let n = 0;
  const start = performance.now();
  while (performance.now() < start + MS) {
    const { sig, ...body } = JSON.parse(lines[n % lines.length]);
    const ok = nacl.sign.detached.verify(
      new TextEncoder().encode(canonicalize(body)),
      Buffer.from(sig.slice(8), "base64"),
      pair.publicKey,
    );
    if (!ok) throw new Error("baseline line did not verify");
    n += 1;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Signatures per second of the bench signer alone over one canonical envelope: the ceiling. */
function benchSignOnly() {
  const data = new TextEncoder().encode(canonicalize(envelope(0)));
  let n = 0;
  const start = performance.now();
  while (performance.now() < start + MS) {
    keys.signer.sign(data);
    n += 1;
  }
  return n / ((performance.now() - start) / 1000);
}

const baselineAppend = await benchBaselineAppend();
const signOnly = benchSignOnly();
const rows = [
  ["0.2.3 recipe (tweetnacl, appendFile, no chain)", "sequential", baselineAppend, 1],
  ["ceiling: node:crypto Ed25519 sign alone, no I/O", "sequential", signOnly, signOnly / baselineAppend],
];
for (const durability of ["none", "batch", "sync"]) {
  const inFlight = durability === "sync" ? 16 : IN_FLIGHT;
  const perSecond = await benchAppender(durability, inFlight);
  rows.push([
    `Sec0Appender durability=${durability}`,
    `${inFlight} in flight`,
    perSecond,
    perSecond / baselineAppend,
  ]);
}
for (const durability of ["none", "batch"]) {
  const perSecond = await benchAppender(durability, IN_FLIGHT, "checkpoint");
  rows.push([
    `Sec0Appender durability=${durability}, signing=checkpoint`,
    `${IN_FLIGHT} in flight`,
    perSecond,
    perSecond / baselineAppend,
  ]);
}
console.log("Appends per second (~1 KB envelope, one process; signed per record unless stated):\n");
printTable(["writer", "concurrency", "appends/s", "× 0.2.3"], rows);

const baselineVerify = benchBaselineVerify();
const verify = await benchVerify();
console.log("\nVerifications per second (one core):\n");
printTable(
  ["verifier", "lines/s", "× 0.2.3"],
  [
    ["0.2.3 recipe (tweetnacl verify of sorted-key JSON)", baselineVerify, 1],
    ["verifyAuditText (signature + chain + seq + checkpoints)", verify, verify / baselineVerify],
  ],
);
console.log("\nTargets: ≥ 20,000 appends/s in batch mode, ≥ 8,000 verifications/s.");
