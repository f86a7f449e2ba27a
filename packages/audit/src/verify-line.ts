import { canonicalBytes, canonicalize, type Verifier } from "@sec0/core";
import type { LineBytes } from "./line-bytes.js";
import { CHECKPOINT_TYPE, REPAIR_TYPE } from "./record.js";

/** Why a line failed verification; the `known_head_*` codes come only from `verifyAgainstHead`. */
export type AuditProblemCode =
  | "unparseable"
  | "not_canonical"
  | "signature_invalid"
  | "key_mismatch"
  | "chain_broken"
  | "seq_gap"
  | "checkpoint_mismatch"
  | "truncated"
  | "unsigned_tail"
  | "known_head_truncated"
  | "known_head_rewritten"
  | "known_head_missing"
  | "known_head_signature_invalid";

/** A parsed, signature-checked line. */
export interface CheckedLine {
  readonly record: Record<string, unknown>;
  readonly keyId: string | undefined;
  /**
   * False for a checkpoint-mode record line (no `sig`): only its form was checked, and only a
   * later signed checkpoint covers it.
   */
  readonly signed: boolean;
}

/** The first thing wrong with a line. */
export interface LineProblem {
  readonly code: AuditProblemCode;
  readonly message: string;
}

/** `ed25519:` and the canonical base64 of exactly 64 bytes (86 characters, then `==`). */
const SIG_FORMAT = /^ed25519:[A-Za-z0-9+/]{85}[AQgw]==$/;

/**
 * Parses one line (already in `bytes`) and checks that it is byte for byte the line the appender
 * writes: the RFC 8785 canonical JSON of the record without `sig`, with
 * `"sig":"ed25519:<base64 of 64 bytes>"` as its last member and nothing after it. Duplicate keys,
 * whitespace, other number or string spellings and junk anywhere are `not_canonical`. A 0.2.3
 * line (no `seq`, no `prev_hash`) may instead be exactly `JSON.stringify` of its parsed record,
 * as 0.2.3 wrote it. When a verifier is given, the Ed25519 signature is then checked over the
 * canonical JSON of the record without `sig`. A checkpoint-mode line (no `sig`) must be chained,
 * not a checkpoint or repair, and exactly the canonical JSON of its record: it comes back with
 * `signed: false`, and the caller must find a signed checkpoint covering it.
 */
export function checkLine(bytes: LineBytes, verifier: Verifier | undefined): CheckedLine | LineProblem {
  const record = parseObject(bytes.text());
  if (record === undefined) return { code: "unparseable", message: "the line is not a JSON object" };
  const keyId = typeof record.key_id === "string" ? record.key_id : undefined;
  const sig = record.sig;
  if (sig === undefined && (record.seq !== undefined || record.prev_hash !== undefined)) {
    return checkUnsignedLine(bytes, record, keyId, verifier);
  }
  if (typeof sig !== "string" || !sig.startsWith("ed25519:")) {
    return { code: "signature_invalid", message: 'the line has no "sig": "ed25519:<base64>" field' };
  }
  if (!SIG_FORMAT.test(sig)) {
    return {
      code: "not_canonical",
      message: 'the "sig" field is not "ed25519:" followed by the canonical base64 of a 64-byte signature',
    };
  }
  const { sig: _sig, ...body } = record;
  let canonical: string;
  try {
    canonical = canonicalize(body);
  } catch {
    return { code: "unparseable", message: "the line has no canonical JSON form" };
  }
  const suffix = `${canonical.length === 2 ? "" : ","}"sig":"${sig}"}`;
  const exact = bytes.equalsText(`${canonical.slice(0, -1)}${suffix}`);
  const legacy = !exact && record.seq === undefined && record.prev_hash === undefined;
  if (!exact && !(legacy && bytes.equalsText(JSON.stringify(record)))) {
    return {
      code: "not_canonical",
      message:
        'the line is not byte-exact canonical JSON with "sig" last (duplicate keys, whitespace, number or escape spelling, or bytes after the signature)',
    };
  }
  if (verifier === undefined) return { record, keyId, signed: true };
  if (keyId !== undefined && keyId !== verifier.keyId) {
    return { code: "key_mismatch", message: `signed by ${keyId}, not by the given key ${verifier.keyId}` };
  }
  const signature = Buffer.from(sig.slice("ed25519:".length), "base64");
  // The suffix is ASCII, so its length in bytes is its length in code units.
  const valid = legacy
    ? verifier.verify(canonicalBytes(body), signature)
    : bytes.verifyWithoutSuffix(suffix.length, verifier, signature);
  if (!valid) {
    return { code: "signature_invalid", message: "the signature does not match the line's content" };
  }
  return { record, keyId, signed: true };
}

// A checkpoint-mode record line: chained, not an appender record type, byte-exact canonical JSON.
function checkUnsignedLine(
  bytes: LineBytes,
  record: Record<string, unknown>,
  keyId: string | undefined,
  verifier: Verifier | undefined,
): CheckedLine | LineProblem {
  if (record.type === CHECKPOINT_TYPE || record.type === REPAIR_TYPE) {
    return {
      code: "signature_invalid",
      message: `a ${String(record.type)} line has no "sig": checkpoints and repairs are always signed`,
    };
  }
  if (typeof keyId !== "string") {
    return { code: "signature_invalid", message: 'an unsigned (checkpoint-mode) line has no "key_id"' };
  }
  let canonical: string;
  try {
    canonical = canonicalize(record);
  } catch {
    return { code: "unparseable", message: "the line has no canonical JSON form" };
  }
  if (!bytes.equalsText(canonical)) {
    return {
      code: "not_canonical",
      message:
        "the unsigned (checkpoint-mode) line is not byte-exact canonical JSON (duplicate keys, whitespace, number or escape spelling)",
    };
  }
  if (verifier !== undefined && keyId !== verifier.keyId) {
    return { code: "key_mismatch", message: `written for ${keyId}, not for the given key ${verifier.keyId}` };
  }
  return { record, keyId, signed: false };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** True when `value` is a {@link LineProblem}. */
export function isProblem(value: CheckedLine | LineProblem): value is LineProblem {
  return "code" in value;
}
