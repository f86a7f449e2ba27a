import { CHECKPOINT_TYPE, createEd25519Verifier } from "@sec0/audit";
import { canonicalBytes, canonicalize } from "@sec0/core";
import { httpError } from "../errors.js";

/** A signed checkpoint line as a head: the first `treeSize` lines of the day hash to `rootHash`. */
export interface WitnessedHead {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly seq: number | undefined;
  readonly ts: string | undefined;
  readonly date: string | undefined;
  readonly keyId: string;
  /** The signed line exactly as received. */
  readonly line: string;
}

/**
 * Parses a checkpoint line (`{"type":"sec0.checkpoint",…,"tree_size","root_hash",…,"sig"}`)
 * without checking its signature; `undefined` when it is not one.
 */
export function parseCheckpointLine(line: string): (WitnessedHead & { sig: string }) | undefined {
  let record: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    record = value as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { tree_size: treeSize, root_hash: rootHash, key_id: keyId, sig } = record;
  if (record.type !== CHECKPOINT_TYPE || typeof sig !== "string" || typeof keyId !== "string")
    return undefined;
  if (typeof treeSize !== "number" || !Number.isSafeInteger(treeSize) || treeSize < 0) return undefined;
  if (typeof rootHash !== "string" || !/^[0-9a-f]{64}$/.test(rootHash)) return undefined;
  return {
    treeSize,
    rootHash,
    seq: typeof record.seq === "number" ? record.seq : undefined,
    ts: typeof record.ts === "string" ? record.ts : undefined,
    date: typeof record.date === "string" ? record.date : undefined,
    keyId,
    line,
    sig,
  };
}

/** True when `line` is byte-exact canonical JSON with `sig` last and the signature is `publicKey`'s. */
export function checkpointSignatureValid(line: string, publicKey: Uint8Array): boolean {
  const record = JSON.parse(line) as Record<string, unknown>;
  const { sig, ...body } = record;
  if (typeof sig !== "string" || !sig.startsWith("ed25519:")) return false;
  const canonical = canonicalize(body);
  if (line !== `${canonical.slice(0, -1)},"sig":${JSON.stringify(sig)}}`) return false;
  const verifier = createEd25519Verifier(publicKey);
  return verifier.verify(canonicalBytes(body), Buffer.from(sig.slice("ed25519:".length), "base64"));
}

/** Throws `CP_REQUEST_INVALID` unless `line` is a checkpoint line. */
export function requireCheckpointLine(line: string): WitnessedHead & { sig: string } {
  const head = parseCheckpointLine(line.endsWith("\n") ? line.slice(0, -1) : line);
  if (head === undefined) {
    throw httpError(
      "CP_REQUEST_INVALID",
      'line must be one signed sec0.checkpoint line with "tree_size", "root_hash", "key_id" and "sig".',
    );
  }
  return head;
}
