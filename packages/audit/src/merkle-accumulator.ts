import { EMPTY_TREE_ROOT, hashChildren, hashLeaf } from "./merkle.js";

/**
 * An append-only RFC 6962 tree kept as its compact range (one root per perfect subtree, largest
 * first), so adding a leaf and reading the root cost O(log n) however long the day file grows.
 */
export class MerkleAccumulator {
  private readonly stack: { size: number; hash: Uint8Array }[] = [];
  private count = 0;

  /** Number of leaves added. */
  get size(): number {
    return this.count;
  }

  /** Adds one leaf given its raw bytes (the leaf hash is computed here). */
  addLeafData(data: Uint8Array | string): void {
    this.addLeafHash(hashLeaf(data));
  }

  /** Adds one leaf given its RFC 6962 leaf hash. */
  addLeafHash(leafHash: Uint8Array): void {
    let node = { size: 1, hash: leafHash };
    let top = this.stack.at(-1);
    while (top !== undefined && top.size === node.size) {
      this.stack.pop();
      node = { size: top.size * 2, hash: hashChildren(top.hash, node.hash) };
      top = this.stack.at(-1);
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** The RFC 6962 root of every leaf added so far. */
  root(): Uint8Array {
    const last = this.stack.at(-1);
    if (last === undefined) return EMPTY_TREE_ROOT;
    let hash = last.hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1)
      hash = hashChildren((this.stack[i] as { hash: Uint8Array }).hash, hash);
    return hash;
  }
}
