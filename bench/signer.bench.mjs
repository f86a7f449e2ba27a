// Ed25519 sign and verify of a ~1 KB canonical audit envelope: @sec0/signer (node:crypto) against
// tweetnacl (what sec0-sdk 0.2.3 signs with), both measured in this run on the same bytes and seed.
import { createHash } from "node:crypto";
import nacl from "tweetnacl";
import { canonicalize, createEd25519Verifier, LocalDevSigner } from "../packages/signer/dist/index.js";
import { measure, printTable } from "./harness.mjs";

const seed = new Uint8Array(createHash("sha256").update("sec0-bench").digest());
const envelope = {
  ts: "2026-01-01T00:00:00.000Z",
  tenant: "acme",
  server: "files",
  tool: "read_file@1.0",
  decision: "allow",
  trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
  span_id: "00f067aa0ba902b7",
  input_sha256: "a".repeat(64),
  output_sha256: "b".repeat(64),
  reasons: [],
  args_excerpt: "x".repeat(560),
  node_id: "agent-1",
  seq: 42,
  prev_hash: "c".repeat(64),
};
const data = new TextEncoder().encode(canonicalize(envelope));

const signer = LocalDevSigner.fromSeed(seed);
const verifier = createEd25519Verifier(signer.publicKey);
const pair = nacl.sign.keyPair.fromSeed(seed);
const ourSignature = signer.sign(data);
const naclSignature = nacl.sign.detached(data, pair.secretKey);
if (Buffer.compare(Buffer.from(ourSignature), Buffer.from(naclSignature)) !== 0) {
  throw new Error("signatures differ between node:crypto and tweetnacl");
}

const cases = [
  ["sign", "@sec0/signer (node:crypto)", () => signer.sign(data)],
  ["sign", "tweetnacl (baseline)", () => nacl.sign.detached(data, pair.secretKey)],
  ["verify", "@sec0/signer (node:crypto)", () => verifier.verify(data, ourSignature)],
  ["verify", "tweetnacl (baseline)", () => nacl.sign.detached.verify(data, naclSignature, pair.publicKey)],
];

console.log(`envelope: ${data.length} bytes of canonical JSON\n`);
const rows = [];
const medians = {};
for (const [op, impl, fn] of cases) {
  const result = await measure(fn, { ms: 1500, warmup: 200 });
  medians[`${op}:${impl}`] = result.medianUs;
  rows.push([op, impl, result.opsPerSec, result.medianUs, result.p99Us]);
}
printTable(["operation", "implementation", "ops/s", "median µs", "p99 µs"], rows);
console.log("");
for (const op of ["sign", "verify"]) {
  const speedup = medians[`${op}:tweetnacl (baseline)`] / medians[`${op}:@sec0/signer (node:crypto)`];
  console.log(`${op}: node:crypto is ${speedup.toFixed(0)}× faster than tweetnacl (median)`);
}
