import type { Verifier } from "@sec0/core";
import type { AuditHead } from "./audit-head.js";
import { chainAfterHead, isHeadSignedBy } from "./head-chain.js";
import { type ChainState, GENESIS_PREV_HASH } from "./record.js";
import type { LineProblem } from "./verify-line.js";

/**
 * Where the kept history of a log starts. `genesis`: seq 1 after 64 zeros, nothing is missing
 * before it. `from`: it continues the signed head the caller pinned (`from`). `retention`: it
 * continues the head retention saved when it removed older day files. `cut`: it continues a line
 * that is not there and nothing vouches for the removal. `unchained`: 0.2.3 lines (no seq).
 * `none`: no lines at all. `seq` and `prevHash` are those of the line before the first kept one.
 */
export interface AuditChainStart {
  readonly kind: "genesis" | "from" | "retention" | "cut" | "unchained" | "none";
  readonly seq?: number;
  readonly prevHash?: string;
  /** The date of the day file that held the head (for `from` and `retention`). */
  readonly headDate?: string;
}

/** What the start check needs: the first kept line's chain state and day, and the heads to try. */
export interface ChainStartInput {
  readonly first: ChainState | undefined;
  readonly lines: number;
  readonly firstDate: string | undefined;
  readonly from: AuditHead | undefined;
  readonly retentionHead: AuditHead | undefined;
  readonly verifier: Verifier | undefined;
}

/**
 * Classifies where the kept history starts. With `from` the first kept line must continue that
 * head or start at genesis (and, with a key, the head must carry its signature), else it is a
 * problem; a retention
 * head counts only when it is of a day before the first kept day file and the chain continues it.
 */
export function classifyChainStart(input: ChainStartInput): AuditChainStart | LineProblem {
  const { first, from, verifier } = input;
  if (first === undefined) return { kind: input.lines === 0 ? "none" : "unchained" };
  const at = { seq: first.seq, prevHash: first.prevHash };
  if (from !== undefined) {
    if (verifier !== undefined && !isHeadSignedBy(from, verifier)) {
      return {
        code: "known_head_signature_invalid",
        message: `the --from head (key_id ${from.key_id}) does not carry a valid signature of the given key ${verifier.keyId}: it was edited, or it is the head of another log`,
      };
    }
    if (continues(first, from)) return { kind: "from", ...at, headDate: from.date };
    // Kept history that reaches back to genesis holds the head: nothing before it is missing.
    if (isGenesis(first)) return { kind: "genesis", ...at };
    return {
      code: "chain_broken",
      message: `the first kept line (seq ${first.seq + 1}) does not continue the --from head (seq ${from.seq}, ${from.date}): lines between them were removed, or the head is of another log`,
    };
  }
  if (isGenesis(first)) return { kind: "genesis", ...at };
  const kept = input.retentionHead;
  if (
    kept !== undefined &&
    input.firstDate !== undefined &&
    kept.date < input.firstDate &&
    (verifier === undefined || isHeadSignedBy(kept, verifier)) &&
    continues(first, kept)
  ) {
    return { kind: "retention", ...at, headDate: kept.date };
  }
  return { kind: "cut", ...at };
}

function isGenesis(first: ChainState): boolean {
  return first.seq === 0 && first.prevHash === GENESIS_PREV_HASH;
}

function continues(first: ChainState, head: AuditHead): boolean {
  const after = chainAfterHead(head);
  return after.seq === first.seq && after.prevHash === first.prevHash;
}
