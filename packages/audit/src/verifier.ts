import type { Verifier } from "@sec0/core";
import { type CheckpointHead, headOf } from "./checkpoint.js";
import { createEd25519Verifier } from "./ed25519-verifier.js";
import { forEachLine } from "./for-each-line.js";
import { LineBytes } from "./line-bytes.js";
import { merkleRoot } from "./merkle.js";
import { MerkleAccumulator } from "./merkle-accumulator.js";
import { CHECKPOINT_TYPE, type ChainState, GENESIS_PREV_HASH, REPAIR_TYPE } from "./record.js";
import { UnsignedCoverage } from "./unsigned-coverage.js";
import { type AuditProblemCode, checkLine, isProblem } from "./verify-line.js";

/** The key to check signatures with: a raw 32-byte Ed25519 public key or a core `Verifier`. */
export interface AuditVerifyOptions {
  readonly publicKey?: Uint8Array;
  readonly verifier?: Verifier;
  /** A tree head remembered from before (e.g. an uploaded checkpoint): the file must still hold it. */
  readonly knownHead?: CheckpointHead;
  /** Where the previous day file's chain ended; the first line must continue it. */
  readonly anchor?: ChainState;
}

/** The first bad line: 1-based number, a stable code and a sentence. */
export interface AuditProblem {
  readonly line: number;
  readonly code: AuditProblemCode;
  readonly message: string;
}

/**
 * What {@link verifyAuditFile} found. `status` is `valid` only when every signature was checked,
 * every check passed and every line is covered by a signature (its own, or for a checkpoint-mode
 * line a later signed checkpoint's); without a key it is at best `unchecked`. `unattested`: every
 * check passed, but `unattestedLines` unsigned lines were left by a crash before any checkpoint
 * covered them, and a signed repair record says that no signer vouches for them (they are kept,
 * chained and pinned by the later checkpoint, but they may have been written by anyone with write
 * access to the file before the restart).
 */
export interface AuditFileReport {
  readonly path: string;
  readonly status: "valid" | "invalid" | "unchecked" | "unattested";
  readonly signaturesChecked: boolean;
  readonly problem: AuditProblem | undefined;
  /** Complete lines read (up to the problem, if any). */
  readonly lines: number;
  readonly records: number;
  readonly checkpoints: number;
  readonly repairs: number;
  /** Lines without `seq`/`prev_hash` (0.2.3): signed, unchained. */
  readonly unchainedLines: number;
  /**
   * How record lines are signed: `per_record` (each its own signature), `checkpoint` (no record
   * line signed; checkpoints cover them), `mixed` (both, e.g. a restart with another mode) or
   * `empty` (no records).
   */
  readonly signing: "per_record" | "checkpoint" | "mixed" | "empty";
  /** Unsigned (checkpoint-mode) records covered by a later signed checkpoint. */
  readonly unsignedLines: number;
  /** Unsigned records a signed repair record names as unattested (left by a crash). */
  readonly unattestedLines: number;
  /** `chained`, `signed-unchained` (all lines 0.2.3), `mixed` or `empty`. */
  readonly mode: "chained" | "signed-unchained" | "mixed" | "empty";
  /** Key ids named by the lines (`key_id`). */
  readonly keyIds: readonly string[];
  /** The chain state the first line continues (`prev_hash`, `seq - 1`). */
  readonly start: ChainState | undefined;
  /** The chain state after the last line. */
  readonly end: ChainState | undefined;
  readonly lastCheckpoint: (CheckpointHead & { readonly line: number }) | undefined;
  /** Lines after the last checkpoint: their removal could not be proven from this file alone. */
  readonly linesAfterLastCheckpoint: number;
}

/**
 * Verifies one audit day file: every signature (when a key is given), the hash chain, `seq`
 * continuity, each checkpoint's tree head and a complete last line. An unsigned (checkpoint-mode)
 * line counts only when a later signed checkpoint covers it; unsigned lines after the last one
 * are the problem `unsigned_tail`. Bad content is reported, not
 * thrown; only an unreadable file throws.
 *
 * @example
 * const report = await verifyAuditFile(".sec0/audit-2026-01-01.ndjson", { publicKey });
 * if (report.status !== "valid") console.error(report.problem);
 */
export async function verifyAuditFile(
  path: string,
  options: AuditVerifyOptions = {},
): Promise<AuditFileReport> {
  const verifier = verifierOf(options);
  const state = new WalkState(options.knownHead?.treeSize ?? 0);
  let problem: AuditProblem | undefined;
  let number = 0;
  const walk = await forEachLine(path, (line) => {
    number += 1;
    problem = state.step(line, number, verifier, options.anchor);
    return problem === undefined;
  });
  return finish(state, path, problem ?? (walk.tornBytes > 0 ? tornProblem(number + 1) : undefined), {
    ...options,
    verifier,
  });
}

/** {@link verifyAuditFile} over text already in memory. */
export function verifyAuditText(
  path: string,
  text: string,
  options: AuditVerifyOptions = {},
): AuditFileReport {
  const verifier = verifierOf(options);
  const parts = text.split("\n");
  const torn = parts.pop() as string;
  const state = new WalkState(options.knownHead?.treeSize ?? 0);
  let problem: AuditProblem | undefined;
  for (let index = 0; index < parts.length && problem === undefined; index += 1) {
    problem = state.step(parts[index] as string, index + 1, verifier, options.anchor);
  }
  if (problem === undefined && torn !== "") problem = tornProblem(parts.length + 1);
  return finish(state, path, problem, { ...options, verifier });
}

function verifierOf(options: AuditVerifyOptions): Verifier | undefined {
  return options.verifier ?? (options.publicKey ? createEd25519Verifier(options.publicKey) : undefined);
}

function tornProblem(line: number): AuditProblem {
  return {
    line,
    code: "truncated",
    message:
      "the last line is incomplete (cut mid-write); restarting the appender moves it to a quarantine file and records a repair",
  };
}

function finish(
  state: WalkState,
  path: string,
  problem: AuditProblem | undefined,
  options: AuditVerifyOptions,
): AuditFileReport {
  let found = problem ?? state.checkUnsignedTail();
  if (found === undefined && options.knownHead !== undefined) found = state.checkKnownHead(options.knownHead);
  return state.report(path, found, options.verifier !== undefined);
}

class WalkState {
  /** Leaf hashes, kept only to check a known head against (the accumulator serves the rest). */
  readonly leaves: Uint8Array[] = [];
  readonly accumulator = new MerkleAccumulator();
  readonly bytes = new LineBytes();
  lines = 0;
  readonly keyIds = new Set<string>();
  records = 0;
  checkpoints = 0;
  repairs = 0;
  unchained = 0;
  readonly coverage = new UnsignedCoverage();
  signedRecords = 0;
  start: ChainState | undefined;
  end: ChainState | undefined;
  lastCheckpoint: (CheckpointHead & { line: number }) | undefined;

  /** Keeps the first `keepLeaves` leaf hashes (a known head's tree size), not all of them. */
  constructor(private readonly keepLeaves: number) {}

  step(
    line: string | Uint8Array,
    number: number,
    verifier: Verifier | undefined,
    anchor: ChainState | undefined,
  ): AuditProblem | undefined {
    this.bytes.load(line);
    const checked = checkLine(this.bytes, verifier);
    if (isProblem(checked)) return { line: number, ...checked };
    const { record } = checked;
    if (checked.keyId !== undefined) this.keyIds.add(checked.keyId);
    const linkProblem = this.checkLink(record, anchor);
    if (linkProblem !== undefined) return { line: number, ...linkProblem };
    if (record.type === CHECKPOINT_TYPE) {
      const head = headOf(record);
      const root = Buffer.from(this.accumulator.root()).toString("hex");
      if (head === undefined || head.treeSize !== this.accumulator.size || head.rootHash !== root) {
        return {
          line: number,
          code: "checkpoint_mismatch",
          message: `the checkpoint covers ${String(record.tree_size)} lines with root ${String(record.root_hash)}, but the ${this.accumulator.size} lines before it hash to ${root}`,
        };
      }
      this.checkpoints += 1;
      this.lastCheckpoint = { ...head, line: number };
      // Its tree head covers every earlier line, so every unsigned one before it is now signed.
      this.coverage.checkpoint();
    } else if (record.type === REPAIR_TYPE) {
      const named = this.coverage.repair(record);
      if (named !== undefined) return { line: number, ...named };
      this.repairs += 1;
    } else {
      this.records += 1;
      if (checked.signed) this.signedRecords += 1;
      else this.coverage.add(number, record.seq as number);
    }
    const leaf = this.bytes.leafHash();
    if (this.leaves.length < this.keepLeaves) this.leaves.push(leaf);
    this.accumulator.addLeafHash(leaf);
    this.lines += 1;
    const seq = typeof record.seq === "number" ? record.seq : (this.end?.seq ?? 0);
    this.end = { seq, prevHash: this.bytes.chainHash() };
    return undefined;
  }

  private checkLink(
    record: Record<string, unknown>,
    anchor: ChainState | undefined,
  ): { code: AuditProblemCode; message: string } | undefined {
    const { seq, prev_hash: prevHash } = record;
    if (seq === undefined && prevHash === undefined) {
      this.unchained += 1;
      if (this.lines > this.unchained - 1) {
        return { code: "chain_broken", message: "an unchained (0.2.3-style) line follows chained lines" };
      }
      return undefined;
    }
    if (typeof prevHash !== "string" || typeof seq !== "number" || !Number.isSafeInteger(seq)) {
      return {
        code: "chain_broken",
        message: "seq and prev_hash must both be present (a number and a sha256 hex)",
      };
    }
    const previous = this.end ?? anchor;
    if (this.end === undefined) this.start = { seq: seq - 1, prevHash };
    if (previous === undefined) {
      if (prevHash === GENESIS_PREV_HASH && seq !== 1)
        return { code: "seq_gap", message: `the first line of a log has seq ${seq}, not 1` };
      return undefined;
    }
    if (prevHash !== previous.prevHash) {
      const where = this.end === undefined ? "the end of the previous day file" : "the previous line";
      return {
        code: "chain_broken",
        message: `prev_hash does not match ${where}: a line was removed, reordered or edited before this one`,
      };
    }
    if (seq !== previous.seq + 1)
      return { code: "seq_gap", message: `seq ${seq} follows seq ${previous.seq}` };
    return undefined;
  }

  /** Unsigned lines after the last signed checkpoint: nothing signs them yet. */
  checkUnsignedTail(): AuditProblem | undefined {
    return this.coverage.tailProblem();
  }

  checkKnownHead(head: CheckpointHead): AuditProblem | undefined {
    if (head.treeSize > this.lines) {
      return {
        line: this.lines,
        code: "truncated",
        message: `a known checkpoint covers ${head.treeSize} lines but the file has ${this.lines}: lines were removed`,
      };
    }
    const root = Buffer.from(merkleRoot(this.leaves.slice(0, head.treeSize))).toString("hex");
    if (root === head.rootHash) return undefined;
    return {
      line: head.treeSize,
      code: "checkpoint_mismatch",
      message: `the first ${head.treeSize} lines no longer hash to the known root`,
    };
  }

  report(path: string, problem: AuditProblem | undefined, signaturesChecked: boolean): AuditFileReport {
    const lines = this.lines;
    const chainedLines = lines - this.unchained;
    const mode =
      lines === 0
        ? "empty"
        : this.unchained === 0
          ? "chained"
          : chainedLines === 0
            ? "signed-unchained"
            : "mixed";
    const { coverage } = this;
    const unsignedRecords = coverage.total;
    const signing =
      unsignedRecords === 0
        ? this.records === 0
          ? "empty"
          : "per_record"
        : this.signedRecords === 0
          ? "checkpoint"
          : "mixed";
    return {
      path,
      status:
        problem !== undefined
          ? "invalid"
          : !signaturesChecked
            ? "unchecked"
            : coverage.unattested > 0
              ? "unattested"
              : "valid",
      signaturesChecked,
      problem,
      lines,
      records: this.records,
      checkpoints: this.checkpoints,
      repairs: this.repairs,
      unchainedLines: this.unchained,
      signing,
      unsignedLines: coverage.covered,
      unattestedLines: coverage.unattested,
      mode,
      keyIds: [...this.keyIds],
      start: this.start,
      end: this.end,
      lastCheckpoint: this.lastCheckpoint,
      linesAfterLastCheckpoint: lines - (this.lastCheckpoint?.line ?? 0),
    };
  }
}
