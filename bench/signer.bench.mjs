// Ed25519 sign and verify of a ~1 KB canonical audit envelope: @sec0/signer (libsodium where it
// loads, node:crypto otherwise; verification is node:crypto's) against node:crypto alone and
// tweetnacl (what sec0-sdk 0.2.3 signs with), all measured in this run on the same bytes and seed.
import { sign } from "node:crypto";
import nacl from "tweetnacl";
import { createPrivateKeyObject } from "../packages/signer/dist/ed25519-key-objects.js";
import { canonicalize, createEd25519Verifier, LocalDevSigner } from "../packages/signer/dist/index.js";
import { measure, printTable, REFERENCE_ENVELOPE, REFERENCE_SEED } from "./harness.mjs";

const seed = REFERENCE_SEED;
const envelope = REFERENCE_ENVELOPE;
const data = new TextEncoder().encode(canonicalize(envelope));

const signer = LocalDevSigner.fromSeed(seed);
const nodeKey = createPrivateKeyObject(seed);
const verifier = createEd25519Verifier(signer.publicKey);
const pair = nacl.sign.keyPair.fromSeed(seed);
const ourSignature = signer.sign(data);
const naclSignature = nacl.sign.detached(data, pair.secretKey);
if (Buffer.compare(Buffer.from(ourSignature), Buffer.from(naclSignature)) !== 0) {
  throw new Error("signatures differ between node:crypto and tweetnacl");
}

const cases = [
  ["sign", `@sec0/signer (${signer.signBackend})`, () => signer.sign(data)],
  ["sign", "node:crypto", () => sign(null, data, nodeKey)],
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
const ours = {
  sign: `sign:@sec0/signer (${signer.signBackend})`,
  verify: "verify:@sec0/signer (node:crypto)",
};
for (const op of ["sign", "verify"]) {
  const speedup = medians[`${op}:tweetnacl (baseline)`] / medians[ours[op]];
  console.log(`${op}: @sec0/signer is ${speedup.toFixed(0)}× faster than tweetnacl (median)`);
}
console.log(
  `sign: @sec0/signer is ${(medians["sign:node:crypto"] / medians[ours.sign]).toFixed(1)}× faster than node:crypto alone (median)`,
);
