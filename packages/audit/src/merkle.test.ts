import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  consistencyProof,
  hashLeaf,
  inclusionProof,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from "./merkle.js";
import { MerkleAccumulator } from "./merkle-accumulator.js";

const corpus = fileURLToPath(new URL("../../../../shared/corpora/merkle-rfc6962/testdata", import.meta.url));

function listJson(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listJson(path) : name.endsWith(".json") ? [path] : [];
  });
}

// Sizes beyond 2^53 appear in the error vectors: keep every integer exact by reading it as a string.
function readVector(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8").replace(/:\s*(\d{16,})/g, ': "$1"')) as Record<
    string,
    unknown
  >;
}

const b64 = (value: unknown): Uint8Array => new Uint8Array(Buffer.from(String(value ?? ""), "base64"));
const proofOf = (value: unknown): Uint8Array[] => ((value as string[] | null) ?? []).map(b64);
const big = (value: unknown): bigint => BigInt(value as string | number);

const kinds = {
  inclusion: (v: Record<string, unknown>) =>
    verifyInclusion({
      leafIndex: big(v.leafIdx),
      treeSize: big(v.treeSize),
      leafHash: b64(v.leafHash),
      proof: proofOf(v.proof),
      root: b64(v.root),
    }),
  subtreeinclusion: (v: Record<string, unknown>) =>
    verifySubtreeInclusion({
      leafIndex: big(v.leafIdx),
      start: big(v.start),
      end: big(v.end),
      leafHash: b64(v.leafHash),
      proof: proofOf(v.proof),
      root: b64(v.root),
    }),
  consistency: (v: Record<string, unknown>) =>
    verifyConsistency({
      size1: big(v.size1),
      size2: big(v.size2),
      root1: b64(v.root1),
      root2: b64(v.root2),
      proof: proofOf(v.proof),
    }),
  subtreeconsistency: (v: Record<string, unknown>) =>
    verifySubtreeConsistency({
      start: big(v.start),
      end: big(v.end),
      size: big(v.size),
      subtreeRoot: b64(v.root1),
      root: b64(v.root2),
      proof: proofOf(v.proof),
    }),
};

describe("RFC 6962 vectors (transparency-dev/merkle testdata)", () => {
  for (const [kind, verify] of Object.entries(kinds)) {
    it(`verifies every ${kind} vector as the corpus expects`, () => {
      const files = listJson(join(corpus, kind));
      expect(files.length).toBeGreaterThan(90);
      const wrong = files.filter((file) => {
        const vector = readVector(file);
        return verify(vector) === Boolean(vector.wantErr);
      });
      expect(wrong.map((file) => file.slice(corpus.length))).toEqual([]);
    });
  }
});

describe("proof generation", () => {
  const leaves = Array.from({ length: 13 }, (_, i) => hashLeaf(`line ${i}`));

  it("produces inclusion proofs that verify for every leaf and size", () => {
    for (let size = 1; size <= leaves.length; size += 1) {
      const tree = leaves.slice(0, size);
      const root = merkleRoot(tree);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(tree, index);
        expect(
          verifyInclusion({
            leafIndex: index,
            treeSize: size,
            leafHash: tree[index] as Uint8Array,
            proof,
            root,
          }),
        ).toBe(true);
        expect(
          verifyInclusion({ leafIndex: index, treeSize: size, leafHash: hashLeaf("forged"), proof, root }),
        ).toBe(false);
      }
    }
  });

  it("produces consistency proofs that verify and reject an edited prefix", () => {
    for (let size2 = 1; size2 <= leaves.length; size2 += 1) {
      const root2 = merkleRoot(leaves.slice(0, size2));
      for (let size1 = 1; size1 <= size2; size1 += 1) {
        const root1 = merkleRoot(leaves.slice(0, size1));
        const proof = consistencyProof(leaves.slice(0, size2), size1);
        expect(verifyConsistency({ size1, size2, root1, root2, proof })).toBe(true);
        const edited = merkleRoot([hashLeaf("edited"), ...leaves.slice(1, size1)]);
        expect(verifyConsistency({ size1, size2, root1: edited, root2, proof })).toBe(false);
      }
    }
  });

  it("keeps the accumulator root equal to the recursive root at every size", () => {
    const accumulator = new MerkleAccumulator();
    expect(accumulator.root()).toEqual(merkleRoot([]));
    leaves.forEach((leaf, i) => {
      accumulator.addLeafHash(leaf);
      expect(accumulator.root()).toEqual(merkleRoot(leaves.slice(0, i + 1)));
    });
  });
});
