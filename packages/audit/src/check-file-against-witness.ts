import { hashLeaf, merkleRoot } from "./merkle.js";

/** The RFC 6962 leaf hash of each complete line of `text` (a trailing partial line is left out). */
export function leafHashesOf(text: string): Uint8Array[] {
  const parts = text.split("\n");
  parts.pop();
  return parts.map((line) => hashLeaf(line));
}

/** The hex Merkle root of the first `size` leaves. */
export function rootHex(leaves: readonly Uint8Array[], size: number): string {
  return Buffer.from(merkleRoot(leaves.slice(0, size))).toString("hex");
}

/** One witnessed head the local file no longer matches. */
export interface WitnessMismatch {
  /** `cut_tail`: the file is shorter than the head; `rewritten`: its first lines hash to another root. */
  readonly code: "cut_tail" | "rewritten";
  readonly treeSize: number;
  readonly rootHash: string;
  readonly message: string;
}

/** What {@link checkFileAgainstWitness} found. */
export interface WitnessReport {
  readonly status: "consistent" | "inconsistent";
  /** Complete lines of the local file. */
  readonly lines: number;
  /** Heads checked (every head given that parsed). */
  readonly headsChecked: number;
  readonly mismatches: readonly WitnessMismatch[];
}

/** A head as `GET /api/audit/checkpoints` serves it: at least the signed line, or the parsed numbers. */
export type WitnessHeadInput =
  | string
  | { readonly line?: string; readonly tree_size?: number; readonly root_hash?: string };

function headOf(input: WitnessHeadInput): { treeSize: number; rootHash: string } | undefined {
  let source: { tree_size?: unknown; root_hash?: unknown } | undefined;
  const line = typeof input === "string" ? input : input.line;
  if (line !== undefined) {
    try {
      source = JSON.parse(line) as { tree_size?: unknown; root_hash?: unknown };
    } catch {
      return undefined;
    }
  } else if (typeof input !== "string") source = input;
  const treeSize = source?.tree_size;
  const rootHash = source?.root_hash;
  if (typeof treeSize !== "number" || !Number.isSafeInteger(treeSize) || treeSize < 0) return undefined;
  if (typeof rootHash !== "string" || !/^[0-9a-f]{64}$/.test(rootHash)) return undefined;
  return { treeSize, rootHash };
}

/**
 * Checks a local day file against heads a witness (the control plane) stored: every head's
 * `tree_size` lines must still be in the file (else `cut_tail`: lines were removed from the end)
 * and hash to its `root_hash` (else `rewritten`: history was edited, reordered or replaced).
 * Pure: signatures of the heads are the witness's concern; this compares Merkle roots.
 *
 * @example
 * const report = checkFileAgainstWitness(await readFile(path, "utf8"), (await res.json()).heads);
 * if (report.status !== "consistent") console.error(report.mismatches);
 */
export function checkFileAgainstWitness(
  localText: string,
  heads: readonly WitnessHeadInput[],
): WitnessReport {
  const leaves = leafHashesOf(localText);
  const mismatches: WitnessMismatch[] = [];
  let checked = 0;
  for (const input of heads) {
    const head = headOf(input);
    if (head === undefined) continue;
    checked += 1;
    if (head.treeSize > leaves.length) {
      mismatches.push({
        ...head,
        code: "cut_tail",
        message: `a witnessed checkpoint covers ${head.treeSize} lines but the file has ${leaves.length}: lines were removed`,
      });
    } else if (rootHex(leaves, head.treeSize) !== head.rootHash) {
      mismatches.push({
        ...head,
        code: "rewritten",
        message: `the first ${head.treeSize} lines no longer hash to the witnessed root: history was rewritten`,
      });
    }
  }
  return {
    status: mismatches.length === 0 ? "consistent" : "inconsistent",
    lines: leaves.length,
    headsChecked: checked,
    mismatches,
  };
}
