import { Sec0Error } from "@sec0/core";
import { CHECKPOINT_TYPE } from "./record.js";

/**
 * A signed checkpoint record of the log, kept outside it (what `sec0 audit head` prints): the
 * first `tree_size` lines of the day file of `date` hash to `root_hash`, and the record itself is
 * line `tree_size + 1` of that file, chained (`seq`, `prev_hash`) and signed (`key_id`, `sig`).
 */
export interface AuditHead {
  readonly type: typeof CHECKPOINT_TYPE;
  readonly ts: string;
  /** UTC date of the day file, `YYYY-MM-DD`. */
  readonly date: string;
  readonly tree_size: number;
  /** RFC 6962 Merkle root (hex) over the day file's first `tree_size` lines. */
  readonly root_hash: string;
  readonly seq: number;
  readonly prev_hash: string;
  readonly key_id: string;
  /** `ed25519:<base64>` over the canonical JSON of the other fields. */
  readonly sig: string;
  readonly [field: string]: unknown;
}

const HEX64 = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

type Check = readonly [field: string, ok: (value: unknown) => boolean, expected: string];

const CHECKS: readonly Check[] = [
  ["type", (v) => v === CHECKPOINT_TYPE, `"${CHECKPOINT_TYPE}"`],
  ["ts", (v) => typeof v === "string" && v !== "", "an ISO 8601 time"],
  ["date", (v) => typeof v === "string" && DATE.test(v), "a UTC date YYYY-MM-DD"],
  ["tree_size", (v) => Number.isSafeInteger(v) && (v as number) >= 0, "a whole number ≥ 0"],
  ["root_hash", (v) => typeof v === "string" && HEX64.test(v), "64 lowercase hex characters"],
  ["seq", (v) => Number.isSafeInteger(v) && (v as number) >= 1, "a whole number ≥ 1"],
  ["prev_hash", (v) => typeof v === "string" && HEX64.test(v), "64 lowercase hex characters"],
  ["key_id", (v) => typeof v === "string" && v.startsWith("ed25519:"), '"ed25519:<hex>"'],
  ["sig", (v) => typeof v === "string" && /^ed25519:[A-Za-z0-9+/]+={0,2}$/.test(v), '"ed25519:<base64>"'],
];

/**
 * Checks that `input` (a head object, or its JSON text as saved from `sec0 audit head`) is a
 * signed checkpoint record, and returns it. Whether it belongs to a log is
 * {@link verifyAgainstHead}'s question.
 *
 * @throws {Sec0Error} `AUDIT_HEAD_INVALID` naming the field (`details.field`).
 * @example
 * const head = parseAuditHead(readFileSync("head.json", "utf8"));
 */
export function parseAuditHead(input: unknown): AuditHead {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      throw invalid("json", "is not JSON");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid("head", "is not a JSON object");
  }
  const record = value as Record<string, unknown>;
  for (const [field, ok, expected] of CHECKS) {
    if (!ok(record[field]))
      throw invalid(field, `has ${field} ${describe(record[field])}; expected ${expected}`);
  }
  return record as AuditHead;
}

/** The 1-based line of its day file that a head is: a checkpoint covers every line before it. */
export function lineOfHead(head: AuditHead): number {
  return head.tree_size + 1;
}

function describe(value: unknown): string {
  return value === undefined ? "missing" : JSON.stringify(value).slice(0, 40);
}

function invalid(field: string, why: string): Sec0Error {
  return new Sec0Error(
    "AUDIT_HEAD_INVALID",
    `The audit head ${why}. Pass the JSON that \`sec0 audit head <dir>\` printed (a sec0.checkpoint record), unchanged.`,
    { details: { field } },
  );
}
