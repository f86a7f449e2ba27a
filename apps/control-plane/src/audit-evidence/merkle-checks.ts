import { consistencyProof, rootHex, verifyConsistency } from "@sec0/audit";

export { leafHashesOf, rootHex } from "@sec0/audit";

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
