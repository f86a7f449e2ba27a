import { canonicalBytes, type Verifier } from "@sec0/core";
import type { LineBytes } from "./line-bytes.js";

/** Why a line failed verification; the `known_head_*` codes come only from `verifyAgainstHead`. */
export type AuditProblemCode =
  | "unparseable"
  | "signature_invalid"
  | "key_mismatch"
  | "chain_broken"
  | "seq_gap"
  | "checkpoint_mismatch"
  | "truncated"
  | "known_head_truncated"
  | "known_head_rewritten"
  | "known_head_missing"
  | "known_head_signature_invalid";

/** A parsed, signature-checked line. */
export interface CheckedLine {
  readonly record: Record<string, unknown>;
  readonly keyId: string | undefined;
}

/** The first thing wrong with a line. */
export interface LineProblem {
  readonly code: AuditProblemCode;
  readonly message: string;
}

const SIG_PREFIX = ',"sig":"ed25519:';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Parses one line and, when a verifier is given, checks its Ed25519 signature over the canonical
 * JSON of the line without `sig` (the 0.2.3 recipe). Lines written by `Sec0Appender` end with
 * the signature, so the signed bytes are tried first straight from `bytes` (the line, already
 * encoded); anything else is canonicalised.
 */
export function checkLine(
  line: string,
  bytes: LineBytes,
  verifier: Verifier | undefined,
): CheckedLine | LineProblem {
  let record: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
    record = value as Record<string, unknown>;
  } catch {
    return { code: "unparseable", message: "the line is not a JSON object" };
  }
  const keyId = typeof record.key_id === "string" ? record.key_id : undefined;
  const sig = record.sig;
  if (typeof sig !== "string" || !sig.startsWith("ed25519:")) {
    return { code: "signature_invalid", message: 'the line has no "sig": "ed25519:<base64>" field' };
  }
  if (verifier === undefined) return { record, keyId };
  if (keyId !== undefined && keyId !== verifier.keyId) {
    return { code: "key_mismatch", message: `signed by ${keyId}, not by the given key ${verifier.keyId}` };
  }
  const signature = Buffer.from(sig.slice("ed25519:".length), "base64");
  if (verifyFast(line, bytes, sig, signature, verifier)) return { record, keyId };
  const { sig: _sig, ...body } = record;
  let signed: Uint8Array;
  try {
    signed = canonicalBytes(body);
  } catch {
    return { code: "unparseable", message: "the line has no canonical JSON form" };
  }
  if (!verifier.verify(signed, signature)) {
    return { code: "signature_invalid", message: "the signature does not match the line's content" };
  }
  return { record, keyId };
}

function verifyFast(
  line: string,
  bytes: LineBytes,
  sig: string,
  signature: Uint8Array,
  verifier: Verifier,
): boolean {
  const base64 = sig.slice("ed25519:".length);
  // Only for an ASCII suffix is its length in bytes its length in code units.
  if (!BASE64.test(base64)) return false;
  const suffix = `${SIG_PREFIX}${base64}"}`;
  if (!line.endsWith(suffix)) return false;
  return bytes.verifyWithoutSuffix(suffix.length, verifier, signature);
}

/** True when `value` is a {@link LineProblem}. */
export function isProblem(value: CheckedLine | LineProblem): value is LineProblem {
  return "code" in value;
}
