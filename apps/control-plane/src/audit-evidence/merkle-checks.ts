import { consistencyProof, hashLeaf, merkleRoot, verifyConsistency } from "@sec0/audit";

/** The RFC 6962 leaf hash of each complete line of `text` (the trailing partial line is left out). */
export function leafHashesOf(text: string): Uint8Array[] {
  const parts = text.split("\n");
  parts.pop();
  return parts.map((line) => hashLeaf(line));
}

/** The hex root of the first `size` leaves. */
export function rootHex(leaves: readonly Uint8Array[], size: number): string {
  return Buffer.from(merkleRoot(leaves.slice(0, size))).toString("hex");
}

/**
 * True when the head (`newer`) extends `older` according to the consistency proof computed from
 * `leaves` (both sizes must be ≤ `leaves.length`).
 */
export function headsConsistent(
  leaves: readonly Uint8Array[],
  older: { readonly treeSize: number; readonly rootHash: string },
  newer: { readonly treeSize: number; readonly rootHash: string },
): boolean {
  const [a, b] = older.treeSize <= newer.treeSize ? [older, newer] : [newer, older];
  if (a.treeSize === 0) return a.rootHash === rootHex([], 0);
  const tree = leaves.slice(0, b.treeSize);
  return verifyConsistency({
    size1: a.treeSize,
    size2: b.treeSize,
    root1: Buffer.from(a.rootHash, "hex"),
    root2: Buffer.from(b.rootHash, "hex"),
    proof: a.treeSize === b.treeSize ? [] : consistencyProof(tree, a.treeSize),
  });
}
