import { sha256 } from "./sha256.js";

// RFC 6962 §2.1 Merkle Tree Hash: leaves are hashed with a 0x00 prefix, interior nodes with 0x01,
// so a leaf can never be passed off as a node. Proof generation works on leaf hashes in memory;
// verification follows transparency-dev/merkle and uses bigint so sizes up to 2^64 are exact.

const HASH_SIZE = 32;

/** A tree size or index: numbers for everyday use, bigints for sizes beyond 2^53. */
export type TreeIndex = number | bigint;

/** SHA-256 of `0x00 || data`: the RFC 6962 hash of one leaf (for audit, one line's bytes). */
export function hashLeaf(data: Uint8Array | string): Uint8Array {
  const size = typeof data === "string" ? Buffer.byteLength(data, "utf8") : data.length;
  const prefixed = Buffer.allocUnsafe(1 + size);
  prefixed[0] = 0;
  if (typeof data === "string") prefixed.write(data, 1, size, "utf8");
  else prefixed.set(data, 1);
  return sha256(prefixed);
}

/** SHA-256 of `0x01 || left || right`: the RFC 6962 hash of an interior node. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  const joined = Buffer.allocUnsafe(1 + left.length + right.length);
  joined[0] = 1;
  joined.set(left, 1);
  joined.set(right, 1 + left.length);
  return sha256(joined);
}

/** Root of the empty tree: SHA-256 of no bytes. */
export const EMPTY_TREE_ROOT: Uint8Array = sha256(new Uint8Array(0));

/**
 * RFC 6962 Merkle Tree Hash over leaf hashes (see {@link hashLeaf}).
 *
 * @example
 * merkleRoot([hashLeaf("a"), hashLeaf("b")]);
 */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  return rangeRoot(leafHashes, 0, leafHashes.length);
}

function rangeRoot(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const size = end - start;
  if (size === 1) return leaves[start] as Uint8Array;
  const k = largestPowerOfTwoBelow(size);
  return hashChildren(rangeRoot(leaves, start, start + k), rangeRoot(leaves, start + k, end));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * RFC 6962 §2.1.1 audit path of leaf `index` in the tree of all `leafHashes`, lowest level first.
 *
 * @throws {RangeError} when `index` is outside the tree.
 * @example
 * const proof = inclusionProof(leaves, 2);
 */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${leafHashes.length} leaves`);
  }
  const proof: Uint8Array[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const size = end - start;
    if (size === 1) return;
    const k = largestPowerOfTwoBelow(size);
    if (m < k) {
      walk(m, start, start + k);
      proof.push(rangeRoot(leafHashes, start + k, end));
    } else {
      walk(m - k, start + k, end);
      proof.push(rangeRoot(leafHashes, start, start + k));
    }
  };
  walk(index, 0, leafHashes.length);
  return proof;
}

/**
 * RFC 6962 §2.1.2 consistency proof that the first `oldSize` leaves are a prefix of the tree of
 * all `leafHashes`.
 *
 * @throws {RangeError} unless `0 < oldSize <= leafHashes.length`.
 * @example
 * const proof = consistencyProof(leaves, 3);
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  if (!Number.isInteger(oldSize) || oldSize <= 0 || oldSize > leafHashes.length) {
    throw new RangeError(`old size ${oldSize} must be between 1 and ${leafHashes.length}`);
  }
  const proof: Uint8Array[] = [];
  const walk = (m: number, start: number, end: number, whole: boolean): void => {
    const size = end - start;
    if (m === size) {
      if (!whole) proof.push(rangeRoot(leafHashes, start, end));
      return;
    }
    const k = largestPowerOfTwoBelow(size);
    if (m <= k) {
      walk(m, start, start + k, whole);
      proof.push(rangeRoot(leafHashes, start + k, end));
    } else {
      walk(m - k, start + k, end, false);
      proof.push(rangeRoot(leafHashes, start, start + k));
    }
  };
  walk(oldSize, 0, leafHashes.length, true);
  return proof;
}

/** Inputs of {@link verifyInclusion}. */
export interface InclusionCheck {
  readonly leafIndex: TreeIndex;
  readonly treeSize: TreeIndex;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  readonly root: Uint8Array;
}

/**
 * True when `proof` shows the leaf at `leafIndex` is in the tree of `treeSize` with `root`.
 *
 * @example
 * verifyInclusion({ leafIndex: 2, treeSize: 5, leafHash, proof, root });
 */
export function verifyInclusion(check: InclusionCheck): boolean {
  const root = rootFromInclusion(
    BigInt(check.leafIndex),
    BigInt(check.treeSize),
    check.leafHash,
    check.proof,
  );
  return root !== undefined && equalBytes(root, check.root);
}

/** Inputs of {@link verifySubtreeInclusion}: the subtree is the leaves `[start, end)`. */
export interface SubtreeInclusionCheck {
  readonly leafIndex: TreeIndex;
  readonly start: TreeIndex;
  readonly end: TreeIndex;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  readonly root: Uint8Array;
}

/** True when `proof` shows the leaf is in the subtree `[start, end)` whose hash is `root`. */
export function verifySubtreeInclusion(check: SubtreeInclusionCheck): boolean {
  const index = BigInt(check.leafIndex);
  const start = BigInt(check.start);
  const end = BigInt(check.end);
  if (!isSubtreeValid(start, end) || index < start || index >= end) return false;
  const root = rootFromInclusion(index - start, end - start, check.leafHash, check.proof);
  return root !== undefined && equalBytes(root, check.root);
}

/** Inputs of {@link verifyConsistency}. */
export interface ConsistencyCheck {
  readonly size1: TreeIndex;
  readonly size2: TreeIndex;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/**
 * True when `proof` shows the tree of `size1` with `root1` is a prefix of the tree of `size2`
 * with `root2` (nothing was removed, reordered or edited between the two heads).
 *
 * @example
 * verifyConsistency({ size1: 3, size2: 7, root1, root2, proof });
 */
export function verifyConsistency(check: ConsistencyCheck): boolean {
  const size1 = BigInt(check.size1);
  const size2 = BigInt(check.size2);
  if (size2 < size1 || size1 === 0n) return false;
  if (size1 === size2) return check.proof.length === 0 && equalBytes(check.root1, check.root2);
  if (check.proof.length === 0) return false;
  const root = rootFromSubtreeConsistency(0n, size1, size2, check.proof, check.root1);
  return root !== undefined && equalBytes(root, check.root2);
}

/** Inputs of {@link verifySubtreeConsistency}: subtree `[start, end)` of the tree of `size`. */
export interface SubtreeConsistencyCheck {
  readonly start: TreeIndex;
  readonly end: TreeIndex;
  readonly size: TreeIndex;
  readonly subtreeRoot: Uint8Array;
  readonly root: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/** True when `proof` shows the subtree `[start, end)` with `subtreeRoot` is part of the tree `root`. */
export function verifySubtreeConsistency(check: SubtreeConsistencyCheck): boolean {
  const start = BigInt(check.start);
  const end = BigInt(check.end);
  const size = BigInt(check.size);
  // An empty subtree is part of every tree; only its own hash (the empty root) is checked.
  if (start === end && start >= 0n && size >= end) {
    return check.proof.length === 0 && equalBytes(check.subtreeRoot, EMPTY_TREE_ROOT);
  }
  if (!isSubtreeValid(start, end) || size < end) return false;
  if (start === 0n && end === size) {
    return check.proof.length === 0 && equalBytes(check.subtreeRoot, check.root);
  }
  if (check.proof.length === 0) return false;
  const root = rootFromSubtreeConsistency(start, end, size, check.proof, check.subtreeRoot);
  return root !== undefined && equalBytes(root, check.root);
}

function rootFromInclusion(
  index: bigint,
  size: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (index < 0n || index >= size || leafHash.length !== HASH_SIZE || !proof.every(isHash)) return undefined;
  const inner = bitLength(index ^ (size - 1n));
  const border = popCount(index >> BigInt(inner));
  if (proof.length !== inner + border) return undefined;
  const seed = chainInner(leafHash, proof.slice(0, inner), index);
  return chainBorderRight(seed, proof.slice(inner));
}

function rootFromSubtreeConsistency(
  start: bigint,
  end: bigint,
  size: bigint,
  proof: readonly Uint8Array[],
  subRoot: Uint8Array,
): Uint8Array | undefined {
  if (!proof.every(isHash)) return undefined;
  if (end === size) {
    const level = bitLength((end - 1n) ^ start);
    if (proof.length !== popCount(start >> BigInt(level))) return undefined;
    return chainBorderRight(subRoot, proof);
  }
  const forkLevel = bitLength((end - 1n) ^ (size - 1n));
  const border = popCount((end - 1n) >> BigInt(forkLevel));
  const shift = trailingZeros(end - start);
  const inner = forkLevel - shift;
  const perfect = end - start === 1n << BigInt(shift);
  const seed = perfect ? subRoot : (proof[0] as Uint8Array);
  const rest = proof.slice(perfect ? 0 : 1);
  if (rest.length !== inner + border) return undefined;
  const mask = (end - 1n) >> BigInt(shift);
  if (!perfect) {
    const height = bitLength((end - 1n) ^ start);
    const subInner = Math.min(height, forkLevel) - shift;
    const subBorder = Math.max(0, border - popCount((end - 1n) >> BigInt(height)));
    let hash1 = chainInnerRight(seed, rest.slice(0, subInner), mask);
    hash1 = chainBorderRight(hash1, rest.slice(inner, inner + subBorder));
    if (!equalBytes(hash1, subRoot)) return undefined;
  }
  return chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
}

function isSubtreeValid(start: bigint, end: bigint): boolean {
  if (start < 0n || start >= end) return false;
  if (start === 0n) return true;
  const length = end - start;
  if (length > 1n << 63n) return false;
  return (start & (bitCeil(length) - 1n)) === 0n;
}

function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], index: bigint): Uint8Array {
  let hash = seed;
  proof.forEach((sibling, level) => {
    hash = ((index >> BigInt(level)) & 1n) === 0n ? hashChildren(hash, sibling) : hashChildren(sibling, hash);
  });
  return hash;
}

function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], index: bigint): Uint8Array {
  let hash = seed;
  proof.forEach((sibling, level) => {
    if (((index >> BigInt(level)) & 1n) === 1n) hash = hashChildren(sibling, hash);
  });
  return hash;
}

function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let hash = seed;
  for (const sibling of proof) hash = hashChildren(sibling, hash);
  return hash;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function popCount(n: bigint): number {
  let count = 0;
  for (const digit of n.toString(2)) if (digit === "1") count += 1;
  return count;
}

function trailingZeros(n: bigint): number {
  if (n === 0n) return 64;
  let count = 0;
  while (((n >> BigInt(count)) & 1n) === 0n) count += 1;
  return count;
}

function bitCeil(n: bigint): bigint {
  return n <= 1n ? 1n : 1n << BigInt(bitLength(n - 1n));
}

function isHash(value: Uint8Array): boolean {
  return value.length === HASH_SIZE;
}

/** Constant-shape byte comparison for hashes (not secret material, so not timing-safe). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
