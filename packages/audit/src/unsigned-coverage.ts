import { UNATTESTED_REASON } from "./record.js";
import type { AuditProblemCode } from "./verify-line.js";

/**
 * What covers the unsigned (checkpoint-mode) lines of one day file, walked in order: a line is
 * pending until a signed checkpoint covers it (its tree head covers every earlier line), or a
 * signed repair record names it as unattested (a crash before its checkpoint).
 */
export class UnsignedCoverage {
  /** Covered by a signed checkpoint. */
  covered = 0;
  /** Named by a signed `unattested_tail` repair record. */
  unattested = 0;
  /** Not covered yet, and where the first of them is. */
  pending = 0;
  private from: { readonly line: number; readonly seq: number } | undefined;

  /** An unsigned line at 1-based `line` with `seq`. */
  add(line: number, seq: number): void {
    this.from ??= { line, seq };
    this.pending += 1;
  }

  /** A signed checkpoint whose head matched: every pending line is covered. */
  checkpoint(): void {
    this.covered += this.pending;
    this.clear();
  }

  /**
   * A signed repair record: when it names unattested lines it must name exactly the pending
   * ones (count and first seq), which then count as unattested.
   */
  repair(record: Readonly<Record<string, unknown>>): { code: AuditProblemCode; message: string } | undefined {
    if (record.reason !== UNATTESTED_REASON) return undefined;
    const { unattested_from_seq: fromSeq, unattested_lines: count } = record;
    if (count !== this.pending || fromSeq !== this.from?.seq) {
      const where = this.from === undefined ? "" : ` from seq ${this.from.seq}`;
      return {
        code: "checkpoint_mismatch",
        message: `the repair record names ${String(count)} unattested lines from seq ${String(fromSeq)}, but ${this.pending} unsigned lines${where} precede it uncovered`,
      };
    }
    this.unattested += this.pending;
    this.clear();
    return undefined;
  }

  /** `unsigned_tail` when lines are still pending at the end of the file. */
  tailProblem(): { line: number; code: AuditProblemCode; message: string } | undefined {
    if (this.from === undefined) return undefined;
    const { line, seq } = this.from;
    const count = this.pending;
    return {
      line,
      code: "unsigned_tail",
      message: `${count} unsigned line${count === 1 ? "" : "s"} from seq ${seq} ${count === 1 ? "is" : "are"} not yet covered by a signed checkpoint (signing: checkpoint); closing the appender (or waiting for its next checkpoint) seals them`,
    };
  }

  /** Every unsigned line seen. */
  get total(): number {
    return this.covered + this.unattested + this.pending;
  }

  private clear(): void {
    this.pending = 0;
    this.from = undefined;
  }
}
